-- The tiers the next read of gescom_tiers.sql covers, staged in the
-- session's temp table #lia_tiers: every tiers in scope (@Since NULL), or
-- only those touched since @Since by their card, their payment terms, a
-- sales document header or line (change pointers, >= for ties).  Each
-- pointer predicate is a query of its own, so the aggregates then seek the
-- few staged keys instead of testing a set for every document line.
-- A temp table lives in tempdb: GesCom itself is only read.  SELECT ... INTO
-- keeps the GesCom column's collation (a CREATE TABLE in tempdb would take
-- tempdb's, and the joins on CT_Num would then fail on a collation conflict).
IF OBJECT_ID('tempdb..#lia_tiers') IS NOT NULL DROP TABLE #lia_tiers;

SELECT k.CT_Num
INTO #lia_tiers
FROM (
    SELECT t.CT_Num
    FROM dbo.F_COMPTET AS t
    WHERE @Since IS NULL
    UNION
    SELECT t.CT_Num
    FROM dbo.F_COMPTET AS t
    WHERE t.cbModification >= @Since
    UNION
    SELECT e.DO_Tiers AS CT_Num
    FROM dbo.F_DOCENTETE AS e
    WHERE e.DO_Domaine = 0 AND e.cbModification >= @Since
    UNION
    SELECT e.DO_Tiers AS CT_Num
    FROM dbo.F_DOCLIGNE AS l
    INNER JOIN dbo.F_DOCENTETE AS e
        ON
            e.DO_Domaine = l.DO_Domaine
            AND e.DO_Type = l.DO_Type
            AND e.DO_Piece = l.DO_Piece
    WHERE e.DO_Domaine = 0 AND l.cbModification >= @Since
    UNION
    SELECT r.CT_Num
    FROM dbo.F_REGLEMENTT AS r
    WHERE r.cbModification >= @Since
) AS k
WHERE k.CT_Num IS NOT NULL;
