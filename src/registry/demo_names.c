/* demo_names — the name lists of the demo data generator (see demo_names.h). */
#include <stddef.h>
#include "registry/demo_names.h"

const struct demo_name demo_male[] = {
	{ "محمد", { "Mohammad", "Muhammad", "Mohamed" }, NULL },
	{ "أحمد", { "Ahmad", "Ahmed", NULL }, "احمد" },
	{ "عبد الله", { "Abdullah", "Abdallah", "Abd Allah" }, "عبدالله" },
	{ "عبد الرحمن", { "Abdulrahman", "Abdul Rahman", "Abdelrahman" }, "عبدالرحمن" },
	{ "خالد", { "Khaled", "Khalid", NULL }, NULL },
	{ "عمر", { "Omar", "Umar", NULL }, NULL },
	{ "علي", { "Ali", NULL, NULL }, NULL },
	{ "حسن", { "Hassan", "Hasan", NULL }, NULL },
	{ "حسين", { "Hussein", "Husain", "Hussain" }, NULL },
	{ "إبراهيم", { "Ibrahim", "Ebrahim", NULL }, "ابراهيم" },
	{ "يوسف", { "Yousef", "Yusuf", "Youssef" }, NULL },
	{ "مصطفى", { "Mustafa", "Moustafa", "Mostafa" }, "مصطفي" },
	{ "محمود", { "Mahmoud", "Mahmud", NULL }, NULL },
	{ "عيسى", { "Issa", "Eisa", NULL }, "عيسي" },
	{ "جاسم", { "Jasem", "Jassim", NULL }, NULL },
	{ "فراس", { "Firas", "Feras", NULL }, NULL },
	{ "سامر", { "Samer", "Samir", NULL }, NULL },
	{ "ياسر", { "Yaser", "Yasser", NULL }, NULL },
	{ "حمزة", { "Hamza", "Hamzah", NULL }, "حمزه" },
	{ "أسامة", { "Osama", "Usama", NULL }, "اسامه" },
	{ "بشار", { "Bashar", NULL, NULL }, NULL },
	{ "زياد", { "Ziad", "Ziyad", NULL }, NULL },
	{ "فيصل", { "Faisal", "Faysal", NULL }, NULL },
	{ "صالح", { "Saleh", "Salih", NULL }, NULL },
};
const struct demo_name demo_female[] = {
	{ "فاطمة", { "Fatima", "Fatma", "Fatemah" }, "فاطمه" },
	{ "عائشة", { "Aisha", "Aysha", "Aicha" }, "عايشة" },
	{ "مريم", { "Mariam", "Maryam", "Meriem" }, NULL },
	{ "زينب", { "Zainab", "Zeinab", "Zaynab" }, NULL },
	{ "نور", { "Nour", "Noor", "Nur" }, NULL },
	{ "هدى", { "Huda", "Hoda", NULL }, "هدي" },
	{ "رهف", { "Rahaf", NULL, NULL }, NULL },
	{ "آية", { "Aya", "Ayah", NULL }, "اية" },
	{ "سارة", { "Sara", "Sarah", NULL }, "ساره" },
	{ "أمل", { "Amal", NULL, NULL }, "امل" },
	{ "ريم", { "Reem", "Rim", NULL }, NULL },
	{ "لين", { "Leen", "Lin", NULL }, NULL },
	{ "دعاء", { "Duaa", "Doaa", NULL }, NULL },
	{ "إسراء", { "Israa", "Esraa", NULL }, "اسراء" },
	{ "خديجة", { "Khadija", "Khadijah", NULL }, "خديجه" },
	{ "سلمى", { "Salma", "Selma", NULL }, "سلمي" },
	{ "ولاء", { "Walaa", NULL, NULL }, NULL },
	{ "بتول", { "Batoul", "Batool", NULL }, NULL },
	{ "غادة", { "Ghada", NULL, NULL }, "غاده" },
	{ "رنا", { "Rana", NULL, NULL }, NULL },
};
const struct demo_name demo_family[] = {
	{ "العلي", { "Al-Ali", "Alali", "El Ali" }, NULL },
	{ "الحسن", { "Al-Hassan", "Alhasan", NULL }, NULL },
	{ "الخلف", { "Al-Khalaf", "Alkhalaf", NULL }, NULL },
	{ "الجاسم", { "Al-Jasem", "Aljassem", NULL }, NULL },
	{ "الأحمد", { "Al-Ahmad", "Alahmed", NULL }, "الاحمد" },
	{ "المحمد", { "Al-Mohammad", "Almohamad", NULL }, NULL },
	{ "العبد الله", { "Al-Abdullah", "Alabdallah", NULL }, "العبدالله" },
	{ "الإبراهيم", { "Al-Ibrahim", "Alibrahim", NULL }, "الابراهيم" },
	{ "الحسين", { "Al-Hussein", "Alhussain", NULL }, NULL },
	{ "الصالح", { "Al-Saleh", "Alsaleh", NULL }, NULL },
	{ "العيسى", { "Al-Issa", "Aleisa", NULL }, "العيسي" },
	{ "الشيخ", { "Al-Sheikh", "Alshaikh", NULL }, NULL },
	{ "الدرويش", { "Al-Darwish", "Darwish", NULL }, NULL },
	{ "الحمود", { "Al-Hammoud", "Alhamoud", NULL }, NULL },
	{ "العمر", { "Al-Omar", "Alomar", NULL }, NULL },
	{ "الخضر", { "Al-Khuder", "Alkhodr", NULL }, NULL },
	{ "السلامة", { "Al-Salameh", "Alsalama", NULL }, "السلامه" },
	{ "المصطفى", { "Al-Mustafa", "Almostafa", NULL }, NULL },
	{ "النايف", { "Al-Nayef", "Alnayf", NULL }, NULL },
	{ "الحمد", { "Al-Hamad", "Alhamad", NULL }, NULL },
};
const int demo_male_n = sizeof demo_male / sizeof *demo_male;
const int demo_female_n = sizeof demo_female / sizeof *demo_female;
const int demo_family_n = sizeof demo_family / sizeof *demo_family;

const char *const demo_org_heads_ar[] = { "جمعية", "مبادرة", "منظمة", "فريق", "شبكة", "ملتقى" };
const char *const demo_org_heads_en[] = { "Association", "Initiative", "Organization", "Team", "Network", "Forum" };
const char *const demo_org_words_ar[] = { "الفرات", "شباب الرقة", "نساء الطبقة", "الأمل", "البناء", "السلام",
	"التنمية المحلية", "الريف الشرقي", "الخابور", "التعليم للجميع", "الغد", "سنابل", "الياسمين", "الحياة",
	"المواطنة", "البادية", "الجسر", "النهضة", "الإحسان", "صناع التغيير" };
const char *const demo_org_words_en[] = { "Euphrates", "Raqqa Youth", "Tabqa Women", "Hope", "Building", "Peace",
	"Local Development", "Eastern Countryside", "Khabour", "Education for All", "Tomorrow", "Sanabel", "Jasmine",
	"Life", "Citizenship", "Badia", "Bridge", "Renaissance", "Ihsan", "Change Makers" };
const int demo_org_words_n = sizeof demo_org_words_ar / sizeof *demo_org_words_ar;
const int demo_org_heads_n = sizeof demo_org_heads_ar / sizeof *demo_org_heads_ar;
