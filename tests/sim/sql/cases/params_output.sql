-- OUTPUT parameters of sp_executesql: their value at the end of the batch,
-- in the parameter's type, reported after the batch's results
--! params @n int 5 OUTPUT @d decimal(38,10) '1.5' OUTPUT @s nvarchar(20) NULL OUTPUT @t datetime NULL OUTPUT @z int 7 OUTPUT
SELECT @n AS avant
SET @n = @n * 3
SET @d = @d / 3 + 12345678901234567890.25
SET @s = N'Crème brûlée ' + CAST(@n AS nvarchar(10))
SET @t = DATEADD(day, 1, '20240228 10:30')
SET @z = NULL
GO
-- an input-only parameter is not reported; one the batch never names keeps its value
--! params @in int 1 @keep decimal(10,2) '3.14159' OUTPUT @k nvarchar(10) 'é' OUTPUT
SELECT @in AS entree
GO
-- a batch that stops on an error still reports what it had set
--! params @n int 0 OUTPUT
SET @n = 41
SET @n = @n + 1
SELECT 1 / 0 AS boom
GO
-- a compile error: the values passed in come back
--! params @n int 9 OUTPUT
SELECT FROM WHERE
GO
