// Customers of the generated calls: names, cities and phone numbers. Turkish is the main language
// (account alpha), with German, English, Arabic and Spanish mixed in.

import type { Random } from "./prng";

export type Lang = "tr" | "en" | "de" | "ar" | "es";

export interface Customer {
  name: string;
  first: string;
  lang: Lang;
  phone: string;
  city: string;
}

const TR_FIRST = [
  "Ayşe", "Mehmet", "Fatma", "Ahmet", "Zeynep", "Mustafa", "Elif", "Emre", "Şükrü", "Gülşen",
  "İbrahim", "Özge", "Çağrı", "Büşra", "Ömer", "Tuğba", "Ilgın", "Işıl", "Doğan", "Ece",
  "Hakan", "Songül", "Yiğit", "Gökçe", "Barış", "Nurşen", "Çiğdem", "Oğuz", "Şeyma", "İpek",
  "Ümit", "Gönül", "Kübra", "Serdar", "Hülya", "Ağah", "Sıla", "Tolga", "Aslı", "Cem",
];
const TR_LAST = [
  "Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Yıldırım", "Öztürk", "Aydın", "Özdemir",
  "Arslan", "Doğan", "Kılıç", "Aslan", "Çetin", "Kara", "Koç", "Kurt", "Özkan", "Şimşek",
  "Güneş", "Akgün", "Uçar", "İnce", "Ünal", "Erçelik", "Ağaoğlu", "Gündoğdu", "Bıçakçı", "Sağlam",
];
const DE_FIRST = [
  "Jürgen", "Björn", "Sören", "Anna-Lena", "Günther", "Käthe", "Jörg", "Ulrike", "Maximilian", "Jana",
  "Lukas", "Sophie", "Dörte", "Matthias", "Heike", "Özlem", "Till", "Merle", "Ingrid", "Fynn",
];
const DE_LAST = [
  "Müller", "Schäfer", "Weiß", "Groß", "Köhler", "Bößmann", "Schröder", "Krüger", "Hoffmann", "Wagner",
  "Becker", "Schulz", "Fischer", "Jäger", "Möller", "Schmitz", "Lößl", "von Bülow", "Strauß", "Brückner",
];
const EN_FIRST = ["John", "Emily", "Michael", "Sarah", "David", "Olivia", "James", "Grace", "Daniel", "Chloe", "Liam", "Megan"];
const EN_LAST = ["Smith", "O'Brien", "Johnson", "Williams", "Brown", "McAllister", "Taylor", "D'Souza", "Clarke", "Nguyen", "Patel", "Walsh"];
const AR_NAMES: ReadonlyArray<readonly [string, string]> = [
  ["محمد العلي", "محمد"],
  ["فاطمة الزهراء", "فاطمة"],
  ["Ahmed Al-Sayed", "Ahmed"],
  ["عمر الفاروق", "عمر"],
  ["Layla Haddad", "Layla"],
  ["يوسف إبراهيم", "يوسف"],
  ["Mariam Al-Mansouri", "Mariam"],
];
const ES_FIRST = ["José", "María", "Núria", "Andrés", "Sofía", "Iñigo", "Lucía", "Martín"];
const ES_LAST = ["Núñez", "Peña", "García", "Ibáñez", "Muñoz", "Álvarez", "Rodríguez", "Cortés"];

const TR_CITIES = ["İstanbul", "İzmir", "Ankara", "Şanlıurfa", "Muğla", "Eskişehir", "Çanakkale", "Iğdır", "Bursa", "Kadıköy, İstanbul"];
const DE_CITIES = ["Berlin", "München", "Köln", "Düsseldorf", "Görlitz", "Lübeck", "Frankfurt am Main", "Würzburg"];
const EN_CITIES = ["London", "New York", "Brooklyn, NY", "Jersey City", "Manchester", "Hoboken"];
const AR_CITIES = ["Dubai", "Abu Dhabi", "دبي", "Sharjah"];

const TR_MOBILE_PREFIX = ["30", "32", "33", "35", "36", "38", "42", "43", "44", "45", "46", "49", "51", "52", "53", "54", "55", "59", "05", "06"];
const DE_MOBILE_PREFIX = ["151", "152", "160", "170", "171", "172", "175", "176", "177", "178", "179"];
const US_AREA = ["212", "646", "917", "718", "347", "201", "551"];

export function trMobile(r: Random): string {
  return `+905${r.pick(TR_MOBILE_PREFIX)}${r.digits(7)}`;
}
export function deMobile(r: Random): string {
  return `+49${r.pick(DE_MOBILE_PREFIX)}${r.digits(8)}`;
}
export function usNumber(r: Random): string {
  return `+1${r.pick(US_AREA)}${r.int(2, 9)}${r.digits(6)}`;
}
function ukMobile(r: Random): string {
  return `+447${r.pick(["700", "911", "400", "800", "956"])}${r.digits(6)}`;
}
function uaeMobile(r: Random): string {
  return `+9715${r.pick(["0", "2", "5", "6"])}${r.digits(7)}`;
}
function otherEuMobile(r: Random): string {
  return r.pick([`+336${r.digits(8)}`, `+316${r.digits(8)}`, `+4176${r.digits(7)}`, `+346${r.digits(8)}`]);
}

export type Region = "tr" | "de" | "us";

/** A customer: name and language from the mix, phone number mostly from the account's region. */
export function makeCustomer(r: Random, mix: ReadonlyArray<readonly [Lang, number]>, region: Region): Customer {
  const lang = r.weighted(mix);
  const regional = () => (region === "tr" ? trMobile(r) : region === "de" ? deMobile(r) : usNumber(r));
  let name: string;
  let first: string;
  let city: string;
  let phone: string;
  switch (lang) {
    case "tr":
      first = r.pick(TR_FIRST);
      name = `${first} ${r.pick(TR_LAST)}`;
      city = region === "tr" ? r.pick(TR_CITIES) : r.pick(DE_CITIES);
      phone = region === "tr" ? trMobile(r) : r.chance(0.8) ? regional() : trMobile(r);
      break;
    case "de":
      first = r.pick(DE_FIRST);
      name = `${first} ${r.pick(DE_LAST)}`;
      city = r.pick(DE_CITIES);
      phone = region === "de" ? deMobile(r) : r.chance(0.6) ? deMobile(r) : regional();
      break;
    case "en":
      first = r.pick(EN_FIRST);
      name = `${first} ${r.pick(EN_LAST)}`;
      city = r.pick(EN_CITIES);
      phone = region === "us" ? usNumber(r) : r.chance(0.5) ? ukMobile(r) : r.chance(0.5) ? usNumber(r) : regional();
      break;
    case "ar": {
      const [n, f] = r.pick(AR_NAMES);
      name = n;
      first = f;
      city = r.pick(AR_CITIES);
      phone = r.chance(0.5) ? uaeMobile(r) : regional();
      break;
    }
    default:
      first = r.pick(ES_FIRST);
      name = `${first} ${r.pick(ES_LAST)}`;
      city = r.pick(EN_CITIES);
      phone = r.chance(0.7) ? regional() : otherEuMobile(r);
  }
  return { name, first, lang, phone, city };
}
