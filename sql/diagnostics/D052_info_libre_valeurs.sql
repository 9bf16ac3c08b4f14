-- D052 (per field): tiers whose value of one table-type free field is not
-- in its list.  [__COLUMN__] is replaced by the field's quoted column name
-- (identifiers cannot be parameters); @FieldPos is the field's CB_Pos:
-- list values are F_ENUMLIBRECIAL rows of the tiers file (N_File 0) with
-- N_Info = CB_Pos.
SELECT
    t.CT_Num AS finding_key,
    CAST(t.[__COLUMN__] AS varchar(69)) AS detail
FROM F_COMPTET AS t
WHERE LTRIM(RTRIM(ISNULL(CAST(t.[__COLUMN__] AS varchar(69)), ''))) <> ''
    AND NOT EXISTS (
        SELECT 1 FROM F_ENUMLIBRECIAL AS e
        WHERE e.N_File = 0
            AND e.N_Info = @FieldPos
            AND e.EL_Intitule = CAST(t.[__COLUMN__] AS varchar(69))
    )
ORDER BY t.CT_Num;
