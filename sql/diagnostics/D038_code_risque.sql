-- D038: risk code set (N_Risque > 0) but P_CRISQUE slot missing or empty.
SELECT
    t.CT_Num AS finding_key,
    CAST(t.N_Risque AS varchar(11)) AS detail
FROM F_COMPTET AS t
WHERE t.N_Risque > 0
    AND NOT EXISTS (
        SELECT 1 FROM P_CRISQUE AS r
        WHERE r.cbIndice = t.N_Risque
            AND LTRIM(RTRIM(ISNULL(r.R_Intitule, ''))) <> ''
    )
ORDER BY t.CT_Num;
