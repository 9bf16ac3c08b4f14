-- Applies the staged free-field values (canonical text) of one integration
-- to InfoLibreValeur, typed by the active definition: text, number
-- (decimal(24,6)) or date.  Unchanged values are not touched.
-- Returns the counts of values inserted and updated.
DECLARE @ins int = 0;
DECLARE @upd int = 0;

UPDATE v
SET
    v.ValText = CASE WHEN d.ValueKind = N'text' THEN s.ValText END,
    v.ValNumber = CASE WHEN d.ValueKind = N'number' THEN CAST(s.ValText AS decimal(24, 6)) END,
    v.ValDate = CASE WHEN d.ValueKind = N'date' THEN CONVERT(datetime, s.ValText, 121) END
-- The staged rows drive (comma and CROSS JOIN, filtered in WHERE: the same
-- inner joins to SQL Server's optimizer): the simulator then seeks the few
-- values they name instead of walking all of the integration's values.
FROM liaison.InfoLibreValeur AS v, liaison.StageValeur AS s
CROSS JOIN liaison.InfoLibreDef AS d
WHERE
    s.IntegrationId = @IntegrationId
    AND d.IntegrationId = s.IntegrationId
    AND d.Source = s.Source
    AND d.Name = s.Name
    AND v.IntegrationId = s.IntegrationId
    AND v.CT_Num = s.CT_Num
    AND v.DefId = d.DefId
    AND d.Statut = N'actif'
    AND EXISTS (
        SELECT
            CASE WHEN d.ValueKind = N'text' THEN s.ValText END,
            CASE WHEN d.ValueKind = N'number' THEN CAST(s.ValText AS decimal(24, 6)) END,
            CASE WHEN d.ValueKind = N'date' THEN CONVERT(datetime, s.ValText, 121) END
        EXCEPT
        SELECT
            v.ValText,
            v.ValNumber,
            v.ValDate
    );
SET @upd = @@ROWCOUNT;

INSERT INTO liaison.InfoLibreValeur (IntegrationId, CT_Num, DefId, ValText, ValNumber, ValDate)
SELECT
    s.IntegrationId,
    s.CT_Num,
    d.DefId,
    CASE WHEN d.ValueKind = N'text' THEN s.ValText END,
    CASE WHEN d.ValueKind = N'number' THEN CAST(s.ValText AS decimal(24, 6)) END,
    CASE WHEN d.ValueKind = N'date' THEN CONVERT(datetime, s.ValText, 121) END
FROM liaison.StageValeur AS s
INNER JOIN liaison.InfoLibreDef AS d
    ON
        d.IntegrationId = s.IntegrationId
        AND d.Source = s.Source
        AND d.Name = s.Name
        AND d.Statut = N'actif'
WHERE
    s.IntegrationId = @IntegrationId
    AND NOT EXISTS (
        SELECT 1 FROM liaison.InfoLibreValeur AS v
        WHERE v.IntegrationId = s.IntegrationId AND v.CT_Num = s.CT_Num AND v.DefId = d.DefId
    );
SET @ins = @@ROWCOUNT;

SELECT
    @ins AS Inserted,
    @upd AS Updated;
