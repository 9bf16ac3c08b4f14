-- `liaison feed ca` from the CRM side: turnover N / N-1 per tiers.
SELECT
    i.Name AS Integration,
    c.CT_Num,
    t.CT_Intitule,
    c.DebutN,
    c.FinN,
    c.CaHtN,
    c.CaHtN1,
    c.NbFacturesN,
    c.NbFacturesN1,
    c.DerniereFacture
FROM liaison.CaRealise AS c
INNER JOIN liaison.Integration AS i ON i.IntegrationId = c.IntegrationId
LEFT JOIN liaison.TiersInfo AS t
    ON t.IntegrationId = c.IntegrationId AND t.CT_Num = c.CT_Num
WHERE @IntegrationId IS NULL OR c.IntegrationId = @IntegrationId
ORDER BY c.IntegrationId, c.CT_Num;
