-- String functions, + concatenation, N'' literals, LIKE, COLLATE
CREATE TABLE c (code varchar(10) NOT NULL, nom varchar(40) NULL, ville nvarchar(30) NULL)
INSERT INTO c VALUES ('A1', 'Dupont  ', N'Évreux'), ('B2', '  Lefèvre', N'Orléans'), ('C3', NULL, N'Paris'),
  ('D_4', 'Œuvre 100%', N'Saint-Étienne')
GO
SELECT code + '-' + nom AS cn, code + '/' + ISNULL(nom, '?') AS cn2, LEN(nom) AS l, LEN('  x  ') AS l2,
  '[' + LTRIM(nom) + ']' AS lt, '[' + RTRIM(nom) + ']' AS rt
FROM c ORDER BY code
SELECT UPPER(ville) AS up, LOWER(ville) AS lo, LEFT(ville, 3) AS le, RIGHT(ville, 4) AS ri,
  SUBSTRING(ville, 2, 3) AS su, CHARINDEX('e', ville) AS ci, REPLACE(ville, 'É', 'E') AS re
FROM c ORDER BY code
SELECT CONCAT('a', NULL, 1, 'b') AS cc, 'x' + NULL AS xn, N'Gruyère' AS n, REPLICATE('ab', 3) AS rp,
  REVERSE('abc') AS rv, STUFF('abcdef', 2, 3, 'XY') AS sf, SPACE(2) + '|' AS sp, CHARINDEX('z', 'abc') AS nz,
  PATINDEX('%[0-9]%', 'abc4d') AS pi, QUOTENAME('a]b') AS q
GO
SELECT code FROM c WHERE nom LIKE 'dup%' ORDER BY code
SELECT code FROM c WHERE code LIKE '[A-B][0-9]' ORDER BY code
SELECT code FROM c WHERE code LIKE '[^A]%' ORDER BY code
SELECT code FROM c WHERE code LIKE 'D!_%' ESCAPE '!'
SELECT code FROM c WHERE nom LIKE '%100!%' ESCAPE '!'
SELECT code FROM c WHERE ville LIKE N'%éti%'
SELECT code FROM c WHERE ville LIKE N'%eti%'
GO
SELECT code FROM c WHERE code = 'a1'
SELECT code FROM c WHERE code COLLATE Latin1_General_BIN = 'a1'
SELECT code FROM c WHERE code COLLATE French_CS_AS = 'a1'
SELECT code FROM c WHERE code COLLATE Latin1_General_BIN = 'A1'
GO
SELECT code + 1 FROM c
GO
SELECT '5' + 1 AS n, 1 + '5' AS m, '5' + '1' AS s
GO
