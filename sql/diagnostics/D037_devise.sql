-- D037: currency set (N_Devise > 0) but P_DEVISE slot missing or empty.
SELECT
    t.CT_Num AS finding_key,
    CAST(t.N_Devise AS varchar(11)) AS detail
FROM F_COMPTET AS t
WHERE t.N_Devise > 0
    AND NOT EXISTS (
        SELECT 1 FROM P_DEVISE AS d
        WHERE d.cbIndice = t.N_Devise
            AND LTRIM(RTRIM(ISNULL(d.D_Intitule, ''))) <> ''
    )
ORDER BY t.CT_Num;
