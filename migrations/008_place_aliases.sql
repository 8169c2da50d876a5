-- 008: the other names people give a place (الرقة for مدينة الرقة, Raqqa,
-- Ar-Raqqa, Al-Raqqah…), in Arabic and Latin letters, matched by the import
-- after Arabic folding (registry/place_match.c).  `folded` is the alias
-- folded by core/textfold.c; a row written here without it ('') is folded
-- by the registry's upgrade hook at the next start.
CREATE TABLE place_aliases (
	id          INTEGER PRIMARY KEY,
	place_id    INTEGER NOT NULL REFERENCES places(id) ON DELETE CASCADE,
	alias       TEXT NOT NULL,
	folded      TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX place_aliases_place ON place_aliases(place_id, alias);
CREATE INDEX place_aliases_folded ON place_aliases(folded);

-- The seeded places of 002 (only those still there): the names the center's
-- records and partners' files use for them.  The plain name of a city
-- (الرقة, دير الزور, الطبقة) belongs to the city: the matcher prefers a
-- community over the governorate or district of the same name.
INSERT INTO place_aliases (place_id, alias)
SELECT v.column1, v.column2 FROM (VALUES
	(1, 'محافظة الرقة'), (1, 'Raqqa Governorate'), (1, 'Al-Raqqah Governorate'), (1, 'Ar-Raqqa Governorate'),
	(2, 'محافظة دير الزور'), (2, 'Deir ez-Zor Governorate'), (2, 'Dayr az Zawr Governorate'),
	(2, 'Deir-ez-Zor Governorate'),
	(10, 'Raqqa district'), (10, 'Al-Raqqah district'),
	(11, 'منطقة الطبقة'), (11, 'منطقة الثورة'), (11, 'Tabqa district'), (11, 'Ath-Thawrah district'),
	(11, 'Al-Thawrah district'),
	(12, 'Tal Abyad district'), (12, 'Tell Abyad district'),
	(20, 'Deir ez-Zor district'), (20, 'Dayr az Zawr district'),
	(21, 'منطقة الميادين'), (21, 'Mayadin district'), (21, 'Al-Mayadeen district'),
	(22, 'منطقة البوكمال'), (22, 'Al-Bukamal district'), (22, 'Albu Kamal district'),
	(100, 'ناحية مركز الرقة'), (100, 'Raqqa subdistrict'), (100, 'Ar-Raqqa center'),
	(101, 'ناحية الكرامة'), (101, 'Karama subdistrict'),
	(102, 'ناحية السبخة'), (102, 'Sabkha subdistrict'),
	(103, 'ناحية معدان'), (103, 'Maadan subdistrict'),
	(110, 'ناحية الطبقة'), (110, 'ناحية الثورة'), (110, 'Tabqa subdistrict'), (110, 'Al-Thawrah subdistrict'),
	(111, 'ناحية المنصورة'), (111, 'Mansura subdistrict'),
	(112, 'ناحية الجرنية'), (112, 'Jurneyyeh subdistrict'),
	(120, 'ناحية تل أبيض'), (120, 'Tal Abyad subdistrict'),
	(121, 'ناحية سلوك'), (121, 'Suluk subdistrict'),
	(122, 'ناحية عين عيسى'), (122, 'Ain Issa subdistrict'),
	(200, 'ناحية مركز دير الزور'), (200, 'Deir ez-Zor subdistrict'),
	(201, 'ناحية البصيرة'), (201, 'Busayrah subdistrict'),
	(202, 'ناحية الكسرة'), (202, 'Kasra subdistrict'),
	(203, 'ناحية خشام'), (203, 'Khasham subdistrict'),
	(204, 'ناحية التبني'), (204, 'Tabni subdistrict'), (204, 'Al-Tabni'),
	(210, 'ناحية الميادين'), (210, 'الميادين'), (210, 'Mayadin'), (210, 'Al-Mayadin'), (210, 'Al-Mayadeen'),
	(210, 'Mayadeen'), (210, 'Al Mayadin city'),
	(211, 'ناحية ذيبان'), (211, 'Thiban subdistrict'),
	(212, 'ناحية العشارة'), (212, 'العشارة'), (212, 'Al-Ashara'), (212, 'Ashara'), (212, 'Al-Asharah'),
	(212, 'Al-Ishara'),
	(220, 'ناحية البوكمال'), (220, 'البوكمال'), (220, 'أبو كمال'), (220, 'Abu Kamal'), (220, 'Al-Bukamal'),
	(220, 'Albu Kamal'), (220, 'Bukamal'), (220, 'Al Bu Kamal'),
	(221, 'ناحية هجين'), (221, 'Hajin subdistrict'),
	(222, 'ناحية السوسة'), (222, 'Susah subdistrict'),
	(1000, 'الرقة'), (1000, 'رقة'), (1000, 'الرقة المدينة'), (1000, 'Raqqa'), (1000, 'Ar-Raqqa'),
	(1000, 'Al-Raqqah'), (1000, 'Raqqah'), (1000, 'Al-Raqqa'), (1000, 'Ar-Raqqah'), (1000, 'Rakka'),
	(1000, 'Raqqa city'), (1000, 'city of Raqqa'),
	(1001, 'Hazimah'), (1001, 'Hzeimeh'), (1001, 'Huzaymah'),
	(1002, 'Karama'), (1002, 'Al-Karamah'), (1002, 'Karameh'),
	(1003, 'Sabkha'), (1003, 'Al-Sabkha'), (1003, 'Sabkhah'), (1003, 'As-Sabkhah'),
	(1004, 'Maadan'), (1004, 'Ma''dan'), (1004, 'Madan'), (1004, 'Maadan Atiq'),
	(1005, 'Ratlah'), (1005, 'Ratleh'),
	(1006, 'Kasrat'), (1006, 'Al-Kasrat'), (1006, 'Kasarat'),
	(1010, 'الطبقة'), (1010, 'طبقة'), (1010, 'مدينة الثورة'), (1010, 'الثورة'), (1010, 'Tabqa'),
	(1010, 'Al-Tabqa'), (1010, 'At-Tabqah'), (1010, 'Tabqah'), (1010, 'Al-Thawrah'), (1010, 'Ath-Thawrah'),
	(1010, 'Thawra'), (1010, 'Al-Thawra'), (1010, 'Tabqa city'),
	(1011, 'Safsafa'), (1011, 'Safsafah'), (1011, 'Al-Safsafa'),
	(1012, 'Mansura'), (1012, 'Mansoura'), (1012, 'Al-Mansoura'), (1012, 'Al-Mansurah'),
	(1013, 'Jarniyah'), (1013, 'Jurneyyeh'), (1013, 'Al-Jurniyah'),
	(1020, 'Tal Abyad'), (1020, 'Tell Abyad'), (1020, 'Tel Abyad'), (1020, 'Tall Abyad'),
	(1020, 'Tell Abiad'), (1020, 'كري سبي'), (1020, 'Gire Spi'),
	(1021, 'Suluk'), (1021, 'Sluk'), (1021, 'Saluk'),
	(1022, 'Hammam al-Turkman'), (1022, 'Hammam Turkman'),
	(1023, 'Ain Issa'), (1023, 'Ayn Issa'), (1023, 'Ain Eissa'), (1023, 'Ayn Isa'), (1023, 'Ein Issa'),
	(1024, 'Hisha'), (1024, 'Al-Hishah'), (1024, 'Hishe'),
	(2000, 'دير الزور'), (2000, 'ديرالزور'), (2000, 'الدير'), (2000, 'دير الزور المدينة'), (2000, 'Deir ez-Zor'),
	(2000, 'Deir Ezzor'), (2000, 'Deir-ez-Zor'), (2000, 'Deir ez Zor'), (2000, 'Dayr az Zawr'),
	(2000, 'Deir al-Zor'), (2000, 'Deir el-Zor'), (2000, 'Deir Azzour'), (2000, 'Deirezzor'),
	(2000, 'Deir Ez-Zour'), (2000, 'Deir ez-Zor city'),
	(2001, 'Busayrah'), (2001, 'Al-Busaira'), (2001, 'Busaira'), (2001, 'Busayra'), (2001, 'Al-Busayra'),
	(2002, 'Shuhayl'), (2002, 'Al-Shuhail'), (2002, 'Shheil'), (2002, 'Shuhail'),
	(2003, 'Kasra'), (2003, 'Al-Kasra'), (2003, 'Kisra'), (2003, 'Al-Kasrah'),
	(2004, 'Khsham'), (2004, 'Khasham'),
	(2005, 'Sur'), (2005, 'Al-Sour'), (2005, 'Sour'), (2005, 'Al-Sur'),
	(2010, 'Dhiban'), (2010, 'Theban'), (2010, 'Thiban'),
	(2011, 'Hawayij'), (2011, 'Hawaij'), (2011, 'Hawayej'),
	(2012, 'Tayyana'), (2012, 'Al-Tayyaneh'), (2012, 'Tayana'),
	(2020, 'Hajeen'), (2020, 'Hajin'),
	(2021, 'Shafa'), (2021, 'Al-Shafa'), (2021, 'Shaafa'),
	(2022, 'Susah'), (2022, 'Sousa'), (2022, 'Al-Susah'),
	(2023, 'Baghuz'), (2023, 'Al-Baghouz'), (2023, 'Baghouz'), (2023, 'باغوز'),
	(2024, 'Gharanij'), (2024, 'Gharaneej'), (2024, 'Ghranij'),
	(2025, 'Abu Hammam'), (2025, 'ابو حمام')
) v WHERE EXISTS (SELECT 1 FROM places p WHERE p.id = v.column1);
