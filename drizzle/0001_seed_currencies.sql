-- Reference data: the ISO 4217 currencies wholesale carriers trade in. Later migrations may add more.
INSERT INTO "currencies" ("code", "name") VALUES
  ('USD', 'US Dollar'), ('EUR', 'Euro'), ('GBP', 'Pound Sterling'), ('CHF', 'Swiss Franc'),
  ('CAD', 'Canadian Dollar'), ('AUD', 'Australian Dollar'), ('JPY', 'Yen'), ('CNY', 'Yuan Renminbi'),
  ('INR', 'Indian Rupee'), ('BRL', 'Brazilian Real'), ('MXN', 'Mexican Peso'), ('ZAR', 'Rand'),
  ('AED', 'UAE Dirham'), ('SGD', 'Singapore Dollar'), ('HKD', 'Hong Kong Dollar'), ('SEK', 'Swedish Krona'),
  ('NOK', 'Norwegian Krone'), ('DKK', 'Danish Krone'), ('PLN', 'Zloty'), ('CZK', 'Czech Koruna'),
  ('HUF', 'Forint'), ('RON', 'Romanian Leu'), ('UAH', 'Hryvnia'), ('TRY', 'Turkish Lira'),
  ('ILS', 'New Israeli Sheqel'), ('NGN', 'Naira'), ('KES', 'Kenyan Shilling'), ('PHP', 'Philippine Peso'),
  ('THB', 'Baht'), ('IDR', 'Rupiah');
