-- D039: payment line whose payment method slot is missing or empty.
SELECT
    r.CT_Num + '/' + CAST(r.cbMarq AS varchar(11)) AS finding_key,
    CAST(r.N_Reglement AS varchar(11)) AS detail
FROM F_REGLEMENTT AS r
WHERE NOT EXISTS (
    SELECT 1 FROM P_REGLEMENT AS p
    WHERE p.cbIndice = r.N_Reglement
        AND LTRIM(RTRIM(ISNULL(p.R_Intitule, ''))) <> ''
)
ORDER BY r.CT_Num, r.cbMarq;
