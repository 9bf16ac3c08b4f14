-- Parameters of sp_executesql (typed by the TDS side), cached plans executed many times
CREATE TABLE p (id int IDENTITY(1,1) PRIMARY KEY, num varchar(17) NOT NULL, nom nvarchar(69) NULL,
  montant decimal(24,6) NULL, d datetime NULL, flag bit NULL, b varbinary(16) NULL)
GO
--! params @num varchar 'C001' @nom nvarchar 'Société Générale' @m decimal '1234.560000' @d datetime '2024-02-29 10:30:00.000' @f bit 1
INSERT INTO p (num, nom, montant, d, flag) VALUES (@num, @nom, @m, @d, @f)
GO
--! params @num varchar 'C002' @nom nvarchar NULL @m decimal NULL @d datetime NULL @f bit 0
INSERT INTO p (num, nom, montant, d, flag) VALUES (@num, @nom, @m, @d, @f)
GO
--! repeat 1000
--! params @num varchar 'R' @m decimal '0.010000'
INSERT INTO p (num, montant) VALUES (@num, @m)
GO
SELECT COUNT(*) AS n, SUM(montant) AS total FROM p WHERE num = 'r'
GO
--! params @d datetime '2024-02-29 00:00:00.000' @nom nvarchar 'SOCIÉTÉ GÉNÉRALE'
SELECT num, nom, montant, d, flag FROM p WHERE d >= @d AND nom = @nom
GO
--! params @n int 2
SELECT TOP (@n) id, num FROM p ORDER BY id
GO
--! params @num varchar '12345678901234567890'
INSERT INTO p (num) VALUES (@num)
GO
--! params @x int 5
SET @x = @x * 2
SELECT @x AS doubled
GO
