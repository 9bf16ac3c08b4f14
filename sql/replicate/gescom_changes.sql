-- The document rows changed since @From, per table ('E' F_DOCENTETE, 'L'
-- F_DOCLIGNE) and per change-pointer value (a few minutes' worth): count and
-- cbMarq sum of all of them and of those at or below the identity the last
-- run stored.  @From is the run's overlap (the next run's for a full run).
-- The run derives from them the tables' change pointers, the overlap figures
-- it compares and stores, and the rows changed since the last run's clock
-- (docs/replication.md).  One scan of each table, filtered
-- on cbModification only.
SELECT
    'E' AS Tbl,
    CONVERT(varchar(19), e.cbModification, 120) AS Modification,
    COUNT_BIG(*) AS AllCount,
    SUM(CAST(e.cbMarq AS bigint)) AS AllMarqSum,
    SUM(CASE WHEN e.cbMarq <= @EnteteMarq THEN 1 ELSE 0 END) AS OldCount,
    SUM(CASE WHEN e.cbMarq <= @EnteteMarq THEN CAST(e.cbMarq AS bigint) ELSE 0 END) AS OldMarqSum
FROM dbo.F_DOCENTETE AS e
WHERE e.cbModification >= @From
GROUP BY e.cbModification
UNION ALL
SELECT
    'L' AS Tbl,
    CONVERT(varchar(19), l.cbModification, 120) AS Modification,
    COUNT_BIG(*) AS AllCount,
    SUM(CAST(l.cbMarq AS bigint)) AS AllMarqSum,
    SUM(CASE WHEN l.cbMarq <= @LigneMarq THEN 1 ELSE 0 END) AS OldCount,
    SUM(CASE WHEN l.cbMarq <= @LigneMarq THEN CAST(l.cbMarq AS bigint) ELSE 0 END) AS OldMarqSum
FROM dbo.F_DOCLIGNE AS l
WHERE l.cbModification >= @From
GROUP BY l.cbModification;
