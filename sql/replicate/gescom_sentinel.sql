-- Deletion sentinels of the document tables, taken before the run reads
-- (docs/replication.md), by ranges of their primary key cbMarq (an IDENTITY,
-- never reused): the rows at or below the identity the last run stored
-- (@EnteteMarq, @LigneMarq; NULL when none), whose count and sum must equal
-- the stored ones when no row read then was deleted, and the rows above it.
-- Both together, with the identity reached and the GesCom clock, are what
-- this run stores for the next one.
SELECT
    CONVERT(varchar(19), GETDATE(), 120) AS Clock,
    CAST(IDENT_CURRENT('dbo.F_DOCENTETE') AS bigint) AS EnteteIdent,
    (SELECT COUNT_BIG(*) FROM dbo.F_DOCENTETE AS e WHERE e.cbMarq <= @EnteteMarq) AS EnteteOldCount,
    (
        SELECT COALESCE(SUM(CAST(e.cbMarq AS bigint)), 0)
        FROM dbo.F_DOCENTETE AS e WHERE e.cbMarq <= @EnteteMarq
    ) AS EnteteOldMarqSum,
    (
        SELECT COUNT_BIG(*)
        FROM dbo.F_DOCENTETE AS e WHERE e.cbMarq > COALESCE(@EnteteMarq, -1)
    ) AS EnteteNewCount,
    (
        SELECT COALESCE(SUM(CAST(e.cbMarq AS bigint)), 0)
        FROM dbo.F_DOCENTETE AS e WHERE e.cbMarq > COALESCE(@EnteteMarq, -1)
    ) AS EnteteNewMarqSum,
    CAST(IDENT_CURRENT('dbo.F_DOCLIGNE') AS bigint) AS LigneIdent,
    (SELECT COUNT_BIG(*) FROM dbo.F_DOCLIGNE AS l WHERE l.cbMarq <= @LigneMarq) AS LigneOldCount,
    (
        SELECT COALESCE(SUM(CAST(l.cbMarq AS bigint)), 0)
        FROM dbo.F_DOCLIGNE AS l WHERE l.cbMarq <= @LigneMarq
    ) AS LigneOldMarqSum,
    (
        SELECT COUNT_BIG(*)
        FROM dbo.F_DOCLIGNE AS l WHERE l.cbMarq > COALESCE(@LigneMarq, -1)
    ) AS LigneNewCount,
    (
        SELECT COALESCE(SUM(CAST(l.cbMarq AS bigint)), 0)
        FROM dbo.F_DOCLIGNE AS l WHERE l.cbMarq > COALESCE(@LigneMarq, -1)
    ) AS LigneNewMarqSum;
