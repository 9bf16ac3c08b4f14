-- Highest change pointer of the tables the jobs read, taken before reading:
-- the next incremental run starts from it (minus an overlap, see docs).
SELECT
    (SELECT MAX(t.cbModification) FROM dbo.F_COMPTET AS t) AS MaxTiers,
    (SELECT MAX(e.cbModification) FROM dbo.F_DOCENTETE AS e) AS MaxEntete,
    (SELECT MAX(l.cbModification) FROM dbo.F_DOCLIGNE AS l) AS MaxLigne,
    (SELECT MAX(r.cbModification) FROM dbo.F_REGLEMENTT AS r) AS MaxReglement;
