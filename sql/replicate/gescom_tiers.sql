-- One row per tiers in scope: complementary data and turnover N / N-1,
-- computed on the server (set-based).  @Since NULL = every tiers in scope;
-- otherwise only tiers touched since @Since by their card, their payment
-- terms, a sales document header or line (change pointers, >= for ties).
-- Invoiced sales = domain 0, types 6 (facture) and 7 (facture comptabilisée);
-- return and credit invoices (DO_Provenance 1, 2) are subtracted whatever
-- sign convention (P_LigneNeg) the company stores them with.
-- Bounds are [@DebN1, @FinNx) with @DebN the start of N, exclusive ends.
WITH changed AS (
    SELECT t.CT_Num
    FROM dbo.F_COMPTET AS t
    WHERE t.cbModification >= @Since
    UNION
    SELECT e.DO_Tiers AS CT_Num
    FROM dbo.F_DOCENTETE AS e
    WHERE e.DO_Domaine = 0 AND e.cbModification >= @Since
    UNION
    SELECT e.DO_Tiers AS CT_Num
    FROM dbo.F_DOCLIGNE AS l
    INNER JOIN dbo.F_DOCENTETE AS e
        ON
            e.DO_Domaine = l.DO_Domaine
            AND e.DO_Type = l.DO_Type
            AND e.DO_Piece = l.DO_Piece
    WHERE l.DO_Domaine = 0 AND l.cbModification >= @Since
    UNION
    SELECT r.CT_Num
    FROM dbo.F_REGLEMENTT AS r
    WHERE r.cbModification >= @Since
),

ca AS (
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
    FROM dbo.F_DOCLIGNE AS l
    INNER JOIN dbo.F_DOCENTETE AS e
        ON
            e.DO_Domaine = l.DO_Domaine
            AND e.DO_Type = l.DO_Type
            AND e.DO_Piece = l.DO_Piece
    WHERE
        e.DO_Domaine = 0
        AND e.DO_Type IN (6, 7)
        AND e.DO_Date >= @DebN1
        AND e.DO_Date < @FinNx
        AND ((e.DO_Date >= @DebN) OR (e.DO_Date < @FinN1x))
        AND (@Since IS NULL OR e.DO_Tiers IN (SELECT c.CT_Num FROM changed AS c))
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
    FROM dbo.F_REGLEMENTT AS r
    LEFT JOIN dbo.P_REGLEMENT AS p ON p.cbIndice = r.N_Reglement
    WHERE (@Since IS NULL OR r.CT_Num IN (SELECT c.CT_Num FROM changed AS c))
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
FROM dbo.F_COMPTET AS t
LEFT JOIN ca ON ca.DO_Tiers = t.CT_Num
LEFT JOIN cond ON cond.CT_Num = t.CT_Num
LEFT JOIN dbo.F_COMPTEG AS g ON g.CG_Num = t.CG_NumPrinc
LEFT JOIN dbo.F_COMPTET AS payeur ON payeur.CT_Num = t.CT_NumPayeur
LEFT JOIN dbo.P_CRISQUE AS rq ON rq.cbIndice = t.N_Risque
LEFT JOIN dbo.F_COLLABORATEUR AS co ON co.CO_No = t.CO_No AND t.CO_No <> 0
WHERE
    (
        (t.CT_Type = 0 AND COALESCE(t.CT_Prospect, 0) = 0 AND @Clients = 1)
        OR (t.CT_Type = 0 AND t.CT_Prospect = 1 AND @Prospects = 1)
        OR (t.CT_Type = 1 AND @Fournisseurs = 1)
    )
    AND (@Sommeil = 1 OR t.CT_Sommeil = 0)
    AND (@Since IS NULL OR t.CT_Num IN (SELECT c.CT_Num FROM changed AS c))
ORDER BY t.CT_Num;
