-- DECLARE / SET / SELECT @var =, IF/ELSE, WHILE, BEGIN...END, 137, PRINT
DECLARE @n int = 3, @s varchar(10), @d decimal(10,2) = 1.005
SET @s = 'abc'
SET @n += 2
PRINT 'n=' + CAST(@n AS varchar(10))
SELECT @n AS n, @s AS s, @d AS d
IF @n > 4
BEGIN
  PRINT 'big'
  SELECT 'then' AS branch
END
ELSE
  SELECT 'else' AS branch
IF @s = 'abc' PRINT 'equal'
GO
CREATE TABLE t (a int, b varchar(10))
DECLARE @i int = 0
WHILE @i < 5
BEGIN
  SET @i = @i + 1
  IF @i = 2 CONTINUE
  INSERT INTO t VALUES (@i, 'r' + CAST(@i AS varchar(5)))
  IF @i = 4 BREAK
END
SELECT a, b FROM t ORDER BY a
DECLARE @max int, @cnt int
SELECT @max = MAX(a), @cnt = COUNT(*) FROM t
SELECT @max AS mx, @cnt AS cnt, @@ROWCOUNT AS rc
GO
SELECT @undeclared
GO
DECLARE @x int
DECLARE @x int
GO
IF EXISTS (SELECT 1 FROM t WHERE a = 3) SELECT 'exists' AS r ELSE SELECT 'missing' AS r
IF NOT EXISTS (SELECT * FROM t WHERE a = 99) PRINT 'no 99'
IF OBJECT_ID('dbo.t') IS NOT NULL PRINT 't is there'
IF OBJECT_ID('dbo.zz', 'U') IS NULL PRINT 'zz missing'
GO
--! params @p1 int 4 @p2 varchar 'r4'
SELECT a, b FROM t WHERE a = @p1 AND b = @p2
GO
DECLARE @t varchar(3) = 'abcdef'
SELECT @t AS truncated
DECLARE @bad int = 'x'
SELECT 'not reached'
GO
