-- Highest change pointer of the tiers tables, taken before reading; an
-- incremental run takes the document tables' from gescom_changes.sql.
SELECT
    (SELECT MAX(t.cbModification) FROM dbo.F_COMPTET AS t) AS MaxTiers,
    (SELECT MAX(r.cbModification) FROM dbo.F_REGLEMENTT AS r) AS MaxReglement;
