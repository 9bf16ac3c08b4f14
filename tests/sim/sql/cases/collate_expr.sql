-- Comparisons where neither side is a column follow French_CI_AS (case-insensitive, accent-sensitive)
DECLARE @a nvarchar(10) = N'Abc', @b nvarchar(10) = N'aBC', @e varchar(10) = 'élan'
SELECT CASE WHEN N'abc' = N'ABC' THEN 1 ELSE 0 END AS lit_ci, CASE WHEN 'é' = 'e' THEN 1 ELSE 0 END AS lit_as,
 CASE WHEN @a = @b THEN 1 ELSE 0 END AS vars, CASE WHEN @a <> @b THEN 1 ELSE 0 END AS vars_ne,
 CASE WHEN @a IN (N'ABC', N'x') THEN 1 ELSE 0 END AS in_list, CASE WHEN @a LIKE N'ab%' THEN 1 ELSE 0 END AS lk,
 CASE WHEN @e = 'ELAN' THEN 1 ELSE 0 END AS accent, CASE WHEN @e = 'ÉLAN' THEN 1 ELSE 0 END AS accent_ci,
 CASE WHEN UPPER(@a) = LOWER(@b) THEN 1 ELSE 0 END AS funcs, CASE WHEN 'abc' < 'ABD' THEN 1 ELSE 0 END AS lt,
 CASE WHEN @a = @b COLLATE Latin1_General_BIN THEN 1 ELSE 0 END AS bin
IF @a = N'ABC' PRINT 'if: equal'
GO
CREATE TABLE t (id int NOT NULL, nom varchar(20) NOT NULL)
INSERT INTO t VALUES (1, 'b'), (2, 'A'), (3, 'é'), (4, 'E'), (5, 'c')
SELECT id, nom FROM t ORDER BY LOWER(nom) + '', id
SELECT id FROM t WHERE UPPER(nom) = 'e' ORDER BY id
SELECT id FROM t WHERE nom + '' IN ('a', 'B') ORDER BY id
-- simple CASE and BETWEEN on expressions: French_CI_AS too
DECLARE @v varchar(10) = 'abc', @d datetime = '20240215'
SELECT CASE @v WHEN 'ABC' THEN 'ci' ELSE 'binaire' END AS c1,
  CASE UPPER(@v) WHEN 'abc' THEN 'ci' ELSE 'binaire' END AS c2,
  CASE @v WHEN 'abé' THEN 'faux' WHEN 'abc' THEN 'as' END AS c3,
  CASE 2 WHEN 1 THEN 'un' WHEN 2 THEN 'deux' END AS c4,
  CASE WHEN @v = 'ABC' THEN 'ci' END AS c5
SELECT CASE WHEN @v BETWEEN 'ABA' AND 'ABD' THEN 'dans' ELSE 'hors' END AS b1,
  CASE WHEN UPPER(@v) NOT BETWEEN 'aba' AND 'abd' THEN 'hors' ELSE 'dans' END AS b2,
  CASE WHEN @d BETWEEN '2024-02-01' AND '20240229' THEN 'dans' ELSE 'hors' END AS b3,
  CASE WHEN 5 BETWEEN 1 AND 10 THEN 'dans' ELSE 'hors' END AS b4
GO
