-- D060: P_DOSSIER fiscal years: none covering the reference date, or
-- inconsistent bounds (end before start, two years overlapping).  Unused
-- slots carry a 1900 date.
WITH exercices AS (
    SELECT 1 AS slot, d.D_DebutExo01 AS debut, d.D_FinExo01 AS fin FROM P_DOSSIER AS d
    UNION ALL
    SELECT 2, d.D_DebutExo02, d.D_FinExo02 FROM P_DOSSIER AS d
    UNION ALL
    SELECT 3, d.D_DebutExo03, d.D_FinExo03 FROM P_DOSSIER AS d
    UNION ALL
    SELECT 4, d.D_DebutExo04, d.D_FinExo04 FROM P_DOSSIER AS d
    UNION ALL
    SELECT 5, d.D_DebutExo05, d.D_FinExo05 FROM P_DOSSIER AS d
),

utilises AS (
    SELECT e.slot, e.debut, ISNULL(e.fin, e.debut - 1) AS fin
    FROM exercices AS e
    WHERE e.debut IS NOT NULL AND YEAR(e.debut) > 1900
)

SELECT
    'P_DOSSIER' AS finding_key,
    CASE
        WHEN EXISTS (SELECT 1 FROM utilises AS u WHERE u.fin < u.debut)
            THEN 'fin < debut'
        WHEN EXISTS (
            SELECT 1 FROM utilises AS a
            INNER JOIN utilises AS b
                ON a.slot < b.slot AND a.debut <= b.fin AND b.debut <= a.fin
        )
            THEN 'chevauchement'
        ELSE 'aucun exercice en cours'
    END AS detail
WHERE NOT EXISTS (
    SELECT 1 FROM utilises AS u
    WHERE u.debut <= @RefDate AND @RefDate <= u.fin
)
OR EXISTS (SELECT 1 FROM utilises AS u WHERE u.fin < u.debut)
OR EXISTS (
    SELECT 1 FROM utilises AS a
    INNER JOIN utilises AS b
        ON a.slot < b.slot AND a.debut <= b.fin AND b.debut <= a.fin
);
