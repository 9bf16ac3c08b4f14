-- The CRM copy of one integration, same columns and order as
-- gescom_tiers.sql, for the per-tiers checksums of `liaison verify`.
SELECT
    t.CT_Num,
    t.CT_Intitule,
    t.CT_Type,
    t.TypeTiers,
    CAST(t.Sommeil AS int) AS Sommeil,
    t.CompteCollectif,
    t.CompteCollectifIntitule,
    t.TiersPayeur,
    t.TiersPayeurIntitule,
    t.ConditionsPaiement,
    t.CodeRisque,
    t.CodeRisqueIntitule,
    t.CodeRisqueAction,
    t.Encours,
    t.Representant,
    t.SourceMarq,
    COALESCE(c.CaHtN, 0) AS CaHtN,
    COALESCE(c.CaHtN1, 0) AS CaHtN1,
    COALESCE(c.NbFacturesN, 0) AS NbFacturesN,
    COALESCE(c.NbFacturesN1, 0) AS NbFacturesN1,
    c.DerniereFacture,
    COALESCE(c.LineCount, 0) AS LineCount,
    COALESCE(c.LineMarqSum, 0) AS LineMarqSum
FROM liaison.TiersInfo AS t
LEFT JOIN liaison.CaRealise AS c
    ON c.IntegrationId = t.IntegrationId AND c.CT_Num = t.CT_Num
WHERE t.IntegrationId = @IntegrationId
ORDER BY t.CT_Num;
