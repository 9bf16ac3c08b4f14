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
-- CROSS JOINs filtered in WHERE (the same inner joins to SQL Server's
-- optimizer) keep this reading order on every engine: the invoices of the
-- window, their tiers, then their lines through the index on the document
-- key (which also carries cbMarq), never every line probing its header.
FROM dbo.F_DOCENTETE AS e
CROSS JOIN dbo.F_COMPTET AS s
CROSS JOIN dbo.F_DOCLIGNE AS l
WHERE
    s.CT_Num = e.DO_Tiers
    AND l.DO_Domaine = e.DO_Domaine
    AND l.DO_Type = e.DO_Type
    AND l.DO_Piece = e.DO_Piece
    AND e.DO_Domaine = 0
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
