-- Active free-field definitions of one integration, for `liaison verify`.
SELECT
    d.Source,
    d.Name,
    d.CbType
FROM liaison.InfoLibreDef AS d
WHERE d.IntegrationId = @IntegrationId AND d.Statut = N'actif'
ORDER BY d.Source, d.Name;
