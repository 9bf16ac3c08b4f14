-- One row per tiers in scope: complementary data and turnover N / N-1,
-- computed on the server (set-based), for the tiers gescom_keys.sql staged in
-- #lia_tiers just before on the same connection (all of them, or those
-- touched since the last run).
-- Invoiced sales = domain 0, types 6 (facture) and 7 (facture comptabilisée);
-- return and credit invoices (DO_Provenance 1, 2) are subtracted whatever
-- sign convention (P_LigneNeg) the company stores them with.
-- Bounds are [@DebN1, @FinNx) with @DebN the start of N, exclusive ends.
WITH ca AS (
    SELECT
        e.DO_Tiers,
        SUM(
            CASE
                WHEN e.DO_Date >= @DebN
                    THEN
                        CASE
                            WHEN e.DO_Provenance IN (1, 2) THEN -ABS(l.DL_MontantHT)
                            ELSE l.DL_MontantHT
                        END
                ELSE 0
            END
        ) AS CaHtN,
        SUM(
            CASE
                WHEN e.DO_Date < @FinN1x
                    THEN
                        CASE
                            WHEN e.DO_Provenance IN (1, 2) THEN -ABS(l.DL_MontantHT)
                            ELSE l.DL_MontantHT
                        END
                ELSE 0
            END
        ) AS CaHtN1,
        COUNT(DISTINCT CASE WHEN e.DO_Date >= @DebN THEN e.cbMarq END) AS NbFacturesN,
        COUNT(DISTINCT CASE WHEN e.DO_Date < @FinN1x THEN e.cbMarq END) AS NbFacturesN1,
        MAX(e.DO_Date) AS DerniereFacture,
        COUNT(*) AS LineCount,
        SUM(CAST(l.cbMarq AS bigint)) AS LineMarqSum
    -- Written as CROSS JOINs filtered in WHERE (the same inner joins to SQL
    -- Server's optimizer) so that every engine reads in this order: the
    -- staged keys, their documents (index on DO_Tiers), their lines (index on
    -- the document key) - never all the lines for a few tiers.
    FROM #lia_tiers AS k
    CROSS JOIN dbo.F_DOCENTETE AS e
    CROSS JOIN dbo.F_DOCLIGNE AS l
    WHERE
        e.DO_Tiers = k.CT_Num
        AND l.DO_Domaine = e.DO_Domaine
        AND l.DO_Type = e.DO_Type
        AND l.DO_Piece = e.DO_Piece
        AND e.DO_Domaine = 0
        AND e.DO_Type IN (6, 7)
        AND e.DO_Date >= @DebN1
        AND e.DO_Date < @FinNx
        AND ((e.DO_Date >= @DebN) OR (e.DO_Date < @FinN1x))
    GROUP BY e.DO_Tiers
),

ech AS (
    SELECT
        r.CT_Num,
        ROW_NUMBER() OVER (PARTITION BY r.CT_Num ORDER BY r.cbMarq) AS rn,
        COALESCE(p.R_Intitule, N'?')
        + CASE r.RT_Condition
            WHEN 0 THEN N' à ' + CAST(r.RT_NbJour AS nvarchar(6)) + N' jours net'
            WHEN 1 THEN N' à ' + CAST(r.RT_NbJour AS nvarchar(6)) + N' jours fin de mois civil'
            WHEN 2 THEN N' à ' + CAST(r.RT_NbJour AS nvarchar(6)) + N' jours fin de mois'
            ELSE N''
        END
        + CASE r.RT_TRepart
            WHEN 0 THEN N' (' + CAST(CAST(r.RT_VRepart AS decimal(9, 2)) AS nvarchar(12)) + N' %)'
            WHEN 1 THEN N' (équilibre)'
            WHEN 2 THEN N' (' + CAST(CAST(r.RT_VRepart AS decimal(18, 2)) AS nvarchar(24)) + N')'
            ELSE N''
        END AS Ligne
    FROM #lia_tiers AS k
    CROSS JOIN dbo.F_REGLEMENTT AS r
    LEFT JOIN dbo.P_REGLEMENT AS p ON p.cbIndice = r.N_Reglement
    WHERE r.CT_Num = k.CT_Num
),

cond AS (
    SELECT
        ech.CT_Num,
        MAX(CASE WHEN ech.rn = 1 THEN ech.Ligne END)
        + COALESCE(N' ; ' + MAX(CASE WHEN ech.rn = 2 THEN ech.Ligne END), N'')
        + COALESCE(N' ; ' + MAX(CASE WHEN ech.rn = 3 THEN ech.Ligne END), N'')
        + COALESCE(N' ; ' + MAX(CASE WHEN ech.rn = 4 THEN ech.Ligne END), N'')
        + CASE WHEN MAX(ech.rn) > 4 THEN N' ; …' ELSE N'' END AS Conditions
    FROM ech
    GROUP BY ech.CT_Num
)

SELECT
    t.CT_Num,
    t.CT_Intitule,
    t.CT_Type,
    CAST(
        CASE
            WHEN t.CT_Type = 0 AND t.CT_Prospect = 1 THEN N'Prospect'
            WHEN t.CT_Type = 0 THEN N'Client'
            WHEN t.CT_Type = 1 THEN N'Fournisseur'
            WHEN t.CT_Type = 2 THEN N'Salarié'
            ELSE N'Autre'
        END AS nvarchar(20)
    ) AS TypeTiers,
    CASE WHEN t.CT_Sommeil = 1 THEN 1 ELSE 0 END AS Sommeil,
    t.CG_NumPrinc AS CompteCollectif,
    g.CG_Intitule AS CompteCollectifIntitule,
    t.CT_NumPayeur AS TiersPayeur,
    payeur.CT_Intitule AS TiersPayeurIntitule,
    cond.Conditions AS ConditionsPaiement,
    t.N_Risque AS CodeRisque,
    rq.R_Intitule AS CodeRisqueIntitule,
    CAST(
        CASE rq.R_Type
            WHEN 0 THEN N'livraison'
            WHEN 1 THEN N'surveillance'
            WHEN 2 THEN N'blocage'
        END AS nvarchar(20)
    ) AS CodeRisqueAction,
    t.CT_Encours AS Encours,
    CASE
        WHEN co.CO_No IS NULL THEN NULL
        ELSE LTRIM(RTRIM(COALESCE(co.CO_Prenom, '') + ' ' + COALESCE(co.CO_Nom, '')))
    END AS Representant,
    t.cbMarq AS SourceMarq,
    COALESCE(ca.CaHtN, 0) AS CaHtN,
    COALESCE(ca.CaHtN1, 0) AS CaHtN1,
    COALESCE(ca.NbFacturesN, 0) AS NbFacturesN,
    COALESCE(ca.NbFacturesN1, 0) AS NbFacturesN1,
    ca.DerniereFacture,
    COALESCE(ca.LineCount, 0) AS LineCount,
    COALESCE(ca.LineMarqSum, 0) AS LineMarqSum
FROM #lia_tiers AS k
CROSS JOIN dbo.F_COMPTET AS t
LEFT JOIN ca ON ca.DO_Tiers = t.CT_Num
LEFT JOIN cond ON cond.CT_Num = t.CT_Num
LEFT JOIN dbo.F_COMPTEG AS g ON g.CG_Num = t.CG_NumPrinc
LEFT JOIN dbo.F_COMPTET AS payeur ON payeur.CT_Num = t.CT_NumPayeur
LEFT JOIN dbo.P_CRISQUE AS rq ON rq.cbIndice = t.N_Risque
LEFT JOIN dbo.F_COLLABORATEUR AS co ON co.CO_No = t.CO_No AND t.CO_No <> 0
WHERE
    t.CT_Num = k.CT_Num
    AND (
        (t.CT_Type = 0 AND COALESCE(t.CT_Prospect, 0) = 0 AND @Clients = 1)
        OR (t.CT_Type = 0 AND t.CT_Prospect = 1 AND @Prospects = 1)
        OR (t.CT_Type = 1 AND @Fournisseurs = 1)
    )
    AND (@Sommeil = 1 OR t.CT_Sommeil = 0)
ORDER BY t.CT_Num;
