"""bench/search_names.py — the names of the search evaluation (search_eval.py).

The common first names (male and female) and family names of Raqqa and Deir
ez-Zor, each with a relative frequency (weights, roughly as often as they
occur in the center's own registers and in the region's civil records:
محمد far ahead, then أحمد, عبد الله, خالد, علي…) and, per name, the Latin
spellings people actually type, written by hand from passports, UN and NGO
beneficiary lists, Facebook and WhatsApp names — NOT produced by daam's own
transliteration (src/core/namematch.c), which would make the evaluation
circular.

Each first name: (arabic, weight, spellings) where spellings maps a kind of
variation to the spellings of that kind:
  std    the usual spellings (passports, English-language lists)
  vowel  vowels or consonants dropped or doubled (Hasan, Abdulla, Yusef)
  ayn    ع or hamza shown or not (Eissa, Aissa, Sa'ad, Du'aa)
  fr     French-style spellings (Mouhamed, Oussama, Houda)
A family name: (arabic with its article, weight, stems); the Latin forms of
the article (Al-X, AlX, Al X, El-X) are added by the evaluation.
"""

MALE = [
    ("محمد", 150, {"std": ["Mohammad", "Mohammed", "Muhammad", "Mohamed"],
                   "vowel": ["Mohamad", "Muhamad", "Muhammed", "Mohammd"],
                   "fr": ["Mouhamed", "Mouhammad", "Mohamed"]}),
    ("أحمد", 60, {"std": ["Ahmad", "Ahmed"], "vowel": ["Ahmd", "Ahmmad"],
                  "ayn": ["Ahmad", "A'hmad"], "fr": ["Ahmed"]}),
    ("عبدالله", 35, {"std": ["Abdullah", "Abdallah", "Abd Allah"],
                     "vowel": ["Abdulla", "Abdalla", "Abdollah", "Abdula"],
                     "ayn": ["Abdullah", "Aabdullah"], "fr": ["Abdellah", "Abdallah"]}),
    ("خالد", 30, {"std": ["Khaled", "Khalid"], "vowel": ["Khaleed", "Khalld"], "fr": ["Khaled"]}),
    ("علي", 30, {"std": ["Ali"], "vowel": ["Aly", "Alee"], "ayn": ["Ali", "Aali", "3ali"]}),
    ("حسن", 25, {"std": ["Hassan", "Hasan"], "vowel": ["Hasan", "Hassan", "Hasn"], "fr": ["Hassen"]}),
    ("حسين", 25, {"std": ["Hussein", "Hussain", "Husain"], "vowel": ["Husein", "Hussien", "Husayn"],
                  "fr": ["Houssein", "Houssine"]}),
    ("عمر", 25, {"std": ["Omar", "Umar"], "vowel": ["Omer", "Umer"], "ayn": ["Omar", "Aomar", "3omar"],
                 "fr": ["Omar"]}),
    ("إبراهيم", 20, {"std": ["Ibrahim", "Ebrahim"], "vowel": ["Ibraheem", "Ibrahem"],
                     "ayn": ["Ebrahim", "Ibrahim"], "fr": ["Ibrahim"]}),
    ("يوسف", 20, {"std": ["Yousef", "Yusuf", "Youssef"], "vowel": ["Yosef", "Yousif", "Yusef", "Yousuf"],
                  "fr": ["Youssef"]}),
    ("محمود", 20, {"std": ["Mahmoud", "Mahmud"], "vowel": ["Mahmood", "Mahmod"], "fr": ["Mahmoud"]}),
    ("مصطفى", 15, {"std": ["Mustafa", "Mostafa"], "vowel": ["Mustapha", "Mustafaa"],
                   "fr": ["Moustafa", "Moustapha"]}),
    ("عيسى", 10, {"std": ["Issa", "Eisa"], "vowel": ["Isa", "Esa"], "ayn": ["Eissa", "Aissa", "Eisa"],
                  "fr": ["Aissa"]}),
    ("جاسم", 15, {"std": ["Jasem", "Jassim", "Jasim"], "vowel": ["Jassem", "Jasm"]}),
    ("صالح", 12, {"std": ["Saleh", "Salih"], "vowel": ["Saaleh", "Salh"], "fr": ["Salah"]}),
    ("عبدالرحمن", 12, {"std": ["Abdulrahman", "Abdelrahman", "Abd Alrahman"],
                       "vowel": ["Abdurrahman", "Abdul Rahman", "Abdulrahmn"],
                       "fr": ["Abderrahmane", "Abdel Rahman"]}),
    ("فيصل", 6, {"std": ["Faisal", "Faysal"], "vowel": ["Faisel", "Fayssal"], "fr": ["Faycal"]}),
    ("ياسر", 6, {"std": ["Yaser", "Yasser", "Yasir"], "vowel": ["Yassir", "Yassr"]}),
    ("أسامة", 6, {"std": ["Osama", "Usama"], "vowel": ["Usamah", "Osamah", "Ossama"],
                  "ayn": ["Osama", "Usama"], "fr": ["Oussama"]}),
    ("حمزة", 6, {"std": ["Hamza", "Hamzah"], "vowel": ["Hamzeh", "Hamzaa"], "fr": ["Hamza"]}),
    ("زياد", 5, {"std": ["Ziad", "Ziyad"], "vowel": ["Zeyad", "Ziaad"], "fr": ["Ziad"]}),
    ("عبدالعزيز", 5, {"std": ["Abdulaziz", "Abdelaziz"], "vowel": ["Abdul Aziz", "Abdalaziz"],
                      "fr": ["Abdelaziz"]}),
    ("عبدالكريم", 5, {"std": ["Abdulkarim", "Abdelkarim"], "vowel": ["Abdul Kareem", "Abdulkareem"],
                      "fr": ["Abdelkrim"]}),
    ("فراس", 4, {"std": ["Firas", "Feras"], "vowel": ["Ferass", "Firass"]}),
    ("مهند", 3, {"std": ["Mohannad", "Muhannad"], "vowel": ["Mohanad", "Muhanad"], "fr": ["Mouhannad"]}),
    ("عمار", 4, {"std": ["Ammar"], "vowel": ["Amar"], "ayn": ["Aammar", "Ammar"]}),
    ("سعد", 4, {"std": ["Saad"], "vowel": ["Sad"], "ayn": ["Sa'ad", "Sa'd", "Saed"]}),
    ("سعيد", 3, {"std": ["Said", "Saeed"], "vowel": ["Saied", "Saeid"], "ayn": ["Sa'id", "Saeed"]}),
    ("عادل", 3, {"std": ["Adel", "Adil"], "ayn": ["Aadel", "Adel"], "fr": ["Adel"]}),
    ("وليد", 4, {"std": ["Walid", "Waleed"], "vowel": ["Waled", "Walled"]}),
    ("خليل", 5, {"std": ["Khalil", "Khaleel"], "vowel": ["Khalel"]}),
    ("حمد", 4, {"std": ["Hamad"], "vowel": ["Hamd"]}),
    ("جمعة", 4, {"std": ["Jumaa", "Juma", "Jomaa"], "ayn": ["Juma'a", "Jomaa"], "fr": ["Joumaa"]}),
]

FEMALE = [
    ("فاطمة", 25, {"std": ["Fatima", "Fatma", "Fatimah"], "vowel": ["Fatema", "Fatmeh", "Fatmah"],
                   "fr": ["Fatma"]}),
    ("عائشة", 10, {"std": ["Aisha", "Aysha", "Ayesha"], "ayn": ["Aicha", "Aaisha", "A'isha"],
                   "fr": ["Aicha"]}),
    ("مريم", 12, {"std": ["Mariam", "Maryam"], "vowel": ["Meryem", "Mariem"], "fr": ["Meriem"]}),
    ("زينب", 8, {"std": ["Zainab", "Zeinab", "Zaynab"], "vowel": ["Zaineb"], "fr": ["Zineb"]}),
    ("نور", 10, {"std": ["Nour", "Noor", "Nur"], "vowel": ["Nor"], "fr": ["Nour"]}),
    ("هدى", 6, {"std": ["Huda", "Hoda"], "vowel": ["Hudaa"], "fr": ["Houda"]}),
    ("خديجة", 8, {"std": ["Khadija", "Khadijah"], "vowel": ["Khadeeja", "Khadeja"], "fr": ["Khadidja"]}),
    ("أمل", 5, {"std": ["Amal"], "vowel": ["Amel"], "ayn": ["Amal"]}),
    ("إسراء", 4, {"std": ["Israa", "Esraa", "Isra"], "ayn": ["Esraa", "Isra'a"]}),
    ("دعاء", 4, {"std": ["Duaa", "Doaa"], "vowel": ["Dua", "Doa"], "ayn": ["Du'aa", "Doa'a"]}),
    ("ريم", 4, {"std": ["Reem", "Rim"], "vowel": ["Riem"]}),
    ("سارة", 5, {"std": ["Sara", "Sarah"], "vowel": ["Saraa"]}),
    ("آمنة", 5, {"std": ["Amina", "Amna", "Aminah"], "vowel": ["Ameena", "Amena"], "fr": ["Amina"]}),
    ("حليمة", 4, {"std": ["Halima", "Halimeh"], "vowel": ["Haleema"], "fr": ["Halima"]}),
    ("رقية", 3, {"std": ["Ruqaya", "Roqaya", "Ruqayya"], "vowel": ["Rokaya", "Roqayah"]}),
    ("سعاد", 4, {"std": ["Suad", "Souad"], "ayn": ["Su'ad", "Soaad"], "fr": ["Souad"]}),
    ("نجلاء", 3, {"std": ["Najlaa", "Najla"], "fr": ["Nejla"]}),
    ("وفاء", 4, {"std": ["Wafaa", "Wafa"], "ayn": ["Wafa'a"]}),
    ("غادة", 3, {"std": ["Ghada", "Ghadah"]}),
    ("سلمى", 4, {"std": ["Salma", "Selma"], "vowel": ["Salmaa"]}),
    ("بتول", 3, {"std": ["Batoul", "Batool", "Batul"]}),
    ("ابتسام", 3, {"std": ["Ibtisam", "Ebtisam", "Ibtesam"], "ayn": ["Ebtisam"], "fr": ["Ibtissam"]}),
    ("نسرين", 3, {"std": ["Nisreen", "Nesreen", "Nesrin"], "fr": ["Nesrine"]}),
    ("يسرى", 2, {"std": ["Yusra", "Yosra"], "fr": ["Yousra"]}),
    ("عبير", 2, {"std": ["Abeer", "Abir"], "ayn": ["A'beer", "Abeer"]}),
]

FAMILY = [
    ("العلي", 25, ["Ali"]),
    ("الأحمد", 20, ["Ahmad", "Ahmed"]),
    ("الحسن", 15, ["Hassan", "Hasan"]),
    ("الحسين", 15, ["Hussein", "Hussain"]),
    ("المحمد", 15, ["Mohammad", "Mohammed", "Mohamad"]),
    ("الخلف", 10, ["Khalaf"]),
    ("العمر", 10, ["Omar"]),
    ("الجاسم", 10, ["Jasem", "Jassem", "Jasim"]),
    ("العبدالله", 10, ["Abdullah", "Abdallah"]),
    ("الخليل", 8, ["Khalil", "Khaleel"]),
    ("العيسى", 8, ["Issa", "Eissa", "Essa"]),
    ("الحمد", 8, ["Hamad"]),
    ("الصالح", 8, ["Saleh", "Salih"]),
    ("الإبراهيم", 6, ["Ibrahim", "Ebrahim"]),
    ("الموسى", 6, ["Mousa", "Musa", "Moussa"]),
    ("الخضر", 6, ["Khoder", "Khudr", "Khader"]),
    ("الفرحان", 6, ["Farhan"]),
    ("الشيخ", 6, ["Sheikh", "Shaikh", "Cheikh"]),
    ("العبيد", 5, ["Obaid", "Ubaid", "Obeid"]),
    ("الناصر", 5, ["Nasser", "Naser"]),
    ("الحمود", 5, ["Hamoud", "Hammoud"]),
    ("الرمضان", 5, ["Ramadan", "Ramadhan"]),
    ("المطر", 4, ["Matar"]),
    ("العساف", 4, ["Assaf", "Asaf"]),
    ("الدخيل", 4, ["Dakhil", "Dakheel"]),
    ("الهويدي", 3, ["Huwaidi", "Hweidi"]),
    ("العجيلي", 3, ["Ujaili", "Ajili", "Ojaili"]),
    ("الشلاش", 3, ["Shallash", "Shalash"]),
    ("الفياض", 3, ["Fayyad", "Fayad"]),
    ("الكردي", 3, ["Kurdi", "Kordi"]),
    ("الحمادي", 3, ["Hammadi", "Hamadi"]),
    ("العليوي", 2, ["Aliwi", "Eliwi"]),
    ("السلامة", 3, ["Salameh", "Salama"]),
    ("الضاهر", 3, ["Daher", "Dahir"]),
    ("الجبوري", 3, ["Jubouri", "Jabouri"]),
    ("العكيدي", 2, ["Okaidi", "Ukaidi"]),
    ("سليمان", 3, ["Suleiman", "Sulaiman", "Sleiman"]),
    ("شيخو", 2, ["Sheikho", "Shekho"]),
    ("بكور", 2, ["Bakkour", "Bakour"]),
]
