-- The tiers part of gescom_totals.sql alone (a deleted tiers or one leaving
-- the scope), for the incremental runs whose deletion sentinels show that no
-- document or line read before was deleted or changed.
SELECT
    COUNT(*) AS TiersCount,
    COALESCE(SUM(CAST(t.cbMarq AS bigint)), 0) AS TiersMarqSum
FROM dbo.F_COMPTET AS t
WHERE
    (
        (t.CT_Type = 0 AND COALESCE(t.CT_Prospect, 0) = 0 AND @Clients = 1)
        OR (t.CT_Type = 0 AND t.CT_Prospect = 1 AND @Prospects = 1)
        OR (t.CT_Type = 1 AND @Fournisseurs = 1)
    )
    AND (@Sommeil = 1 OR t.CT_Sommeil = 0);
