-- Applies the staged free-field definitions of one integration.  A field
-- deleted in GesCom, or whose type changed, is kept and marked (never
-- silently dropped); a field that comes back with its type is reactivated.
-- ColumnNo identifies the reporting view's column: one per (source, name,
-- kind of value) across all integrations, so a field common to several
-- companies is one column.  Returns the number of definitions changed.
DECLARE @changed int = 0;

UPDATE d
SET d.Statut = N'supprime', d.StatutDepuis = GETDATE()
FROM liaison.InfoLibreDef AS d
WHERE
    d.IntegrationId = @IntegrationId
    AND d.Statut = N'actif'
    AND NOT EXISTS (
        SELECT 1 FROM liaison.StageDef AS s
        WHERE s.IntegrationId = d.IntegrationId AND s.Source = d.Source AND s.Name = d.Name
    );
SET @changed = @changed + @@ROWCOUNT;

UPDATE d
SET d.Statut = N'type_change', d.StatutDepuis = GETDATE()
FROM liaison.InfoLibreDef AS d
INNER JOIN liaison.StageDef AS s
    ON s.IntegrationId = d.IntegrationId AND s.Source = d.Source AND s.Name = d.Name
WHERE
    d.IntegrationId = @IntegrationId
    AND d.Statut = N'actif'
    AND s.CbType <> d.CbType;
SET @changed = @changed + @@ROWCOUNT;

UPDATE d
SET
    d.Statut = N'actif',
    d.StatutDepuis = CASE WHEN d.Statut = N'actif' THEN d.StatutDepuis ELSE GETDATE() END,
    d.Len = s.Len,
    d.Pos = s.Pos
FROM liaison.InfoLibreDef AS d
INNER JOIN liaison.StageDef AS s
    ON
        s.IntegrationId = d.IntegrationId
        AND s.Source = d.Source
        AND s.Name = d.Name
        AND s.CbType = d.CbType
WHERE
    d.IntegrationId = @IntegrationId
    AND (d.Statut <> N'actif' OR d.Len <> s.Len OR d.Pos <> s.Pos);
SET @changed = @changed + @@ROWCOUNT;

INSERT INTO liaison.InfoLibreDef (
    IntegrationId, Source, Name, CbType, ValueKind, Len, Pos, ColumnNo, Statut, StatutDepuis
)
SELECT
    s.IntegrationId,
    s.Source,
    s.Name,
    s.CbType,
    s.ValueKind,
    s.Len,
    s.Pos,
    COALESCE(
        (
            SELECT MIN(o.ColumnNo) FROM liaison.InfoLibreDef AS o
            WHERE o.Source = s.Source AND o.Name = s.Name AND o.ValueKind = s.ValueKind
        ),
        (SELECT COALESCE(MAX(m.ColumnNo), 0) FROM liaison.InfoLibreDef AS m)
        + ROW_NUMBER() OVER (ORDER BY s.Source, s.Pos, s.Name)
    ),
    N'actif',
    GETDATE()
FROM liaison.StageDef AS s
WHERE
    s.IntegrationId = @IntegrationId
    AND NOT EXISTS (
        SELECT 1 FROM liaison.InfoLibreDef AS d
        WHERE
            d.IntegrationId = s.IntegrationId
            AND d.Source = s.Source
            AND d.Name = s.Name
            AND d.CbType = s.CbType
    );
SET @changed = @changed + @@ROWCOUNT;

SELECT @changed AS Changed;
