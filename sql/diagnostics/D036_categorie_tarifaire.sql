-- D036: price category pointing to a missing P_CATTARIF slot or to one
-- with an empty label.
SELECT
    t.CT_Num AS finding_key,
    CAST(t.N_CatTarif AS varchar(11)) AS detail
FROM F_COMPTET AS t
WHERE NOT EXISTS (
    SELECT 1 FROM P_CATTARIF AS c
    WHERE c.cbIndice = t.N_CatTarif
        AND LTRIM(RTRIM(ISNULL(c.CT_Intitule, ''))) <> ''
)
ORDER BY t.CT_Num;
