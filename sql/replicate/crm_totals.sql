-- The CRM copy's fingerprint of one integration, same shape as
-- gescom_totals.sql.
SELECT
    (SELECT COUNT(*) FROM liaison.TiersInfo AS t WHERE t.IntegrationId = @IntegrationId) AS TiersCount,
    (
        SELECT COALESCE(SUM(CAST(t.SourceMarq AS bigint)), 0)
        FROM liaison.TiersInfo AS t WHERE t.IntegrationId = @IntegrationId
    ) AS TiersMarqSum,
    (
        SELECT COALESCE(SUM(CAST(c.LineCount AS bigint)), 0)
        FROM liaison.CaRealise AS c WHERE c.IntegrationId = @IntegrationId
    ) AS LineCount,
    (
        SELECT COALESCE(SUM(c.LineMarqSum), 0)
        FROM liaison.CaRealise AS c WHERE c.IntegrationId = @IntegrationId
    ) AS LineMarqSum;
