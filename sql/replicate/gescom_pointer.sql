-- Highest change pointer of the tiers tables the jobs read, taken before
-- reading (the document tables' come with gescom_sentinel.sql): the next
-- incremental run starts from the highest of them (minus an overlap, see docs).
SELECT
    (SELECT MAX(t.cbModification) FROM dbo.F_COMPTET AS t) AS MaxTiers,
    (SELECT MAX(r.cbModification) FROM dbo.F_REGLEMENTT AS r) AS MaxReglement;
