-- Deletion sentinels and highest change pointers of the document tables, one
-- scan of each, taken before the run reads (docs/replication.md):
--  * Ident, AllCount, AllMarqSum: what the run stores for the next one (the
--    identity reached, the count and sum of the cbMarq at or below it);
--  * OldCount, OldMarqSum: the same over cbMarq <= the stored identity
--    (@EnteteMarq, @LigneMarq; NULL when none is stored), compared with the
--    stored figures: a difference means a row read before was deleted;
--  * OldChanged: rows at or below the stored identity changed since @Since;
--    such a change may have moved a document or a line away from a tiers the
--    run does not read again, which only the deletion check sees;
--  * MaxModification: the change pointer.
SELECT
    CAST(IDENT_CURRENT('dbo.F_DOCENTETE') AS bigint) AS EnteteIdent,
    e.AllCount AS EnteteAllCount,
    e.AllMarqSum AS EnteteAllMarqSum,
    e.OldCount AS EnteteOldCount,
    e.OldMarqSum AS EnteteOldMarqSum,
    e.OldChanged AS EnteteOldChanged,
    CONVERT(varchar(19), e.MaxModification, 120) AS MaxEntete,
    CAST(IDENT_CURRENT('dbo.F_DOCLIGNE') AS bigint) AS LigneIdent,
    l.AllCount AS LigneAllCount,
    l.AllMarqSum AS LigneAllMarqSum,
    l.OldCount AS LigneOldCount,
    l.OldMarqSum AS LigneOldMarqSum,
    l.OldChanged AS LigneOldChanged,
    CONVERT(varchar(19), l.MaxModification, 120) AS MaxLigne
FROM (
    SELECT
        COUNT_BIG(*) AS AllCount,
        COALESCE(SUM(CAST(x.cbMarq AS bigint)), 0) AS AllMarqSum,
        COALESCE(SUM(CASE WHEN x.cbMarq <= @EnteteMarq THEN 1 ELSE 0 END), 0) AS OldCount,
        COALESCE(
            SUM(CASE WHEN x.cbMarq <= @EnteteMarq THEN CAST(x.cbMarq AS bigint) ELSE 0 END), 0
        ) AS OldMarqSum,
        COALESCE(
            SUM(CASE WHEN x.cbMarq <= @EnteteMarq AND x.cbModification >= @Since THEN 1 ELSE 0 END), 0
        ) AS OldChanged,
        MAX(x.cbModification) AS MaxModification
    FROM dbo.F_DOCENTETE AS x
) AS e
CROSS JOIN (
    SELECT
        COUNT_BIG(*) AS AllCount,
        COALESCE(SUM(CAST(x.cbMarq AS bigint)), 0) AS AllMarqSum,
        COALESCE(SUM(CASE WHEN x.cbMarq <= @LigneMarq THEN 1 ELSE 0 END), 0) AS OldCount,
        COALESCE(
            SUM(CASE WHEN x.cbMarq <= @LigneMarq THEN CAST(x.cbMarq AS bigint) ELSE 0 END), 0
        ) AS OldMarqSum,
        COALESCE(
            SUM(CASE WHEN x.cbMarq <= @LigneMarq AND x.cbModification >= @Since THEN 1 ELSE 0 END), 0
        ) AS OldChanged,
        MAX(x.cbModification) AS MaxModification
    FROM dbo.F_DOCLIGNE AS x
) AS l;
