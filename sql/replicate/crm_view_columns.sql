-- Columns of the reporting view: the active fields of all integrations, one
-- per ColumnNo, in a stable order.
SELECT
    d.ColumnNo,
    MIN(d.Name) AS Name,
    MIN(d.ValueKind) AS ValueKind,
    MIN(d.Source) AS Source,
    MIN(d.Pos) AS Pos
FROM liaison.InfoLibreDef AS d
WHERE d.Statut = N'actif'
GROUP BY d.ColumnNo
ORDER BY MIN(d.Source), MIN(d.Pos), d.ColumnNo;
