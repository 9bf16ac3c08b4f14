-- `liaison feed infolibres` from the CRM side: one row per tiers and field.
SELECT
    i.Name AS Integration,
    v.CT_Num,
    d.Source,
    d.Name AS Champ,
    d.ValueKind,
    d.Statut,
    v.ValText,
    v.ValNumber,
    v.ValDate
FROM liaison.InfoLibreValeur AS v
INNER JOIN liaison.InfoLibreDef AS d ON d.DefId = v.DefId
INNER JOIN liaison.Integration AS i ON i.IntegrationId = v.IntegrationId
WHERE @IntegrationId IS NULL OR v.IntegrationId = @IntegrationId
ORDER BY v.IntegrationId, v.CT_Num, d.Source, d.Pos;
