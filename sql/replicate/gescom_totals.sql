-- Key-set and aggregate fingerprint of what the jobs cover, compared with the
-- CRM copy after an incremental run: a deleted tiers or document (deletions
-- leave no change pointer), or a tiers leaving the scope, changes it.
SELECT
    (
        SELECT COUNT(*)
        FROM dbo.F_COMPTET AS t
        WHERE
            (
                (t.CT_Type = 0 AND COALESCE(t.CT_Prospect, 0) = 0 AND @Clients = 1)
                OR (t.CT_Type = 0 AND t.CT_Prospect = 1 AND @Prospects = 1)
                OR (t.CT_Type = 1 AND @Fournisseurs = 1)
            )
            AND (@Sommeil = 1 OR t.CT_Sommeil = 0)
    ) AS TiersCount,
    (
        SELECT COALESCE(SUM(CAST(t.cbMarq AS bigint)), 0)
        FROM dbo.F_COMPTET AS t
        WHERE
            (
                (t.CT_Type = 0 AND COALESCE(t.CT_Prospect, 0) = 0 AND @Clients = 1)
                OR (t.CT_Type = 0 AND t.CT_Prospect = 1 AND @Prospects = 1)
                OR (t.CT_Type = 1 AND @Fournisseurs = 1)
            )
            AND (@Sommeil = 1 OR t.CT_Sommeil = 0)
    ) AS TiersMarqSum,
    COUNT(l.cbMarq) AS LineCount,
    COALESCE(SUM(CAST(l.cbMarq AS bigint)), 0) AS LineMarqSum
FROM dbo.F_DOCLIGNE AS l
INNER JOIN dbo.F_DOCENTETE AS e
    ON
        e.DO_Domaine = l.DO_Domaine
        AND e.DO_Type = l.DO_Type
        AND e.DO_Piece = l.DO_Piece
INNER JOIN dbo.F_COMPTET AS s ON s.CT_Num = e.DO_Tiers
WHERE
    e.DO_Domaine = 0
    AND e.DO_Type IN (6, 7)
    AND e.DO_Date >= @DebN1
    AND e.DO_Date < @FinNx
    AND ((e.DO_Date >= @DebN) OR (e.DO_Date < @FinN1x))
    AND (
        (s.CT_Type = 0 AND COALESCE(s.CT_Prospect, 0) = 0 AND @Clients = 1)
        OR (s.CT_Type = 0 AND s.CT_Prospect = 1 AND @Prospects = 1)
        OR (s.CT_Type = 1 AND @Fournisseurs = 1)
    )
    AND (@Sommeil = 1 OR s.CT_Sommeil = 0);
