-- The reporting view users' reports expect: one row per tiers and
-- integration (all integrations, not only the last one).  The free-field
-- columns between the markers are generated from the active definitions:
-- the marker line is the form of one column (ValText becomes the value
-- column of its kind, 999999 its ColumnNo, __name__ its bracket-quoted name).
CREATE VIEW dbo.vReportCompanyInfosFlash
AS
SELECT
    t.IntegrationId,
    i.Name AS Integration,
    t.CT_Num,
    t.CT_Intitule,
    t.TypeTiers,
    t.Sommeil,
    c.DebutN,
    c.FinN,
    c.CaHtN,
    c.CaHtN1,
    CASE
        WHEN c.CaHtN1 IS NULL OR c.CaHtN1 = 0 THEN NULL
        ELSE CAST((c.CaHtN - c.CaHtN1) * 100 / ABS(c.CaHtN1) AS decimal(18, 2))
    END AS EvolutionPct,
    c.NbFacturesN,
    c.DerniereFacture,
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
    t.RefreshedAt
    -- liaison:columns-begin
    , (
        SELECT v.ValText
        FROM liaison.InfoLibreValeur AS v
        INNER JOIN liaison.InfoLibreDef AS d ON d.DefId = v.DefId
        WHERE
            v.IntegrationId = t.IntegrationId
            AND v.CT_Num = t.CT_Num
            AND d.ColumnNo = 999999
            AND d.Statut = N'actif'
    ) AS [__name__]
    -- liaison:columns-end
FROM liaison.TiersInfo AS t
INNER JOIN liaison.Integration AS i ON i.IntegrationId = t.IntegrationId
LEFT JOIN liaison.CaRealise AS c
    ON c.IntegrationId = t.IntegrationId AND c.CT_Num = t.CT_Num;
