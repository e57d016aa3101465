//! Deterministic seed data written on first start: regions, districts, centres and slots.
//!
//! The same seed always produces the same centres and capacities, so tests and demos on any
//! machine see the same inventory. Slot dates follow the campaign's first booking day.

use chrono::{Duration, NaiveDate};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::args;
use crate::db::{DbError, ToValue, Tx};

/// The 17 시/도: code, name, phone area code, and their 시/군/구.
const REGIONS: &[(&str, &str, &str, &str)] = &[
    ("11", "서울특별시", "02", "종로구 중구 용산구 성동구 광진구 동대문구 중랑구 성북구 강북구 도봉구 노원구 은평구 서대문구 마포구 양천구 강서구 구로구 금천구 영등포구 동작구 관악구 서초구 강남구 송파구 강동구"),
    ("26", "부산광역시", "051", "중구 서구 동구 영도구 부산진구 동래구 남구 북구 해운대구 사하구 금정구 강서구 연제구 수영구 사상구 기장군"),
    ("27", "대구광역시", "053", "중구 동구 서구 남구 북구 수성구 달서구 달성군 군위군"),
    ("28", "인천광역시", "032", "중구 동구 미추홀구 연수구 남동구 부평구 계양구 서구 강화군 옹진군"),
    ("29", "광주광역시", "062", "동구 서구 남구 북구 광산구"),
    ("30", "대전광역시", "042", "동구 중구 서구 유성구 대덕구"),
    ("31", "울산광역시", "052", "중구 남구 동구 북구 울주군"),
    ("36", "세종특별자치시", "044", "세종특별자치시"),
    ("41", "경기도", "031", "수원시 성남시 의정부시 안양시 부천시 광명시 평택시 동두천시 안산시 고양시 과천시 구리시 남양주시 오산시 시흥시 군포시 의왕시 하남시 용인시 파주시 이천시 안성시 김포시 화성시 광주시 양주시 포천시 여주시 연천군 가평군 양평군"),
    ("51", "강원특별자치도", "033", "춘천시 원주시 강릉시 동해시 태백시 속초시 삼척시 홍천군 횡성군 영월군 평창군 정선군 철원군 화천군 양구군 인제군 고성군 양양군"),
    ("43", "충청북도", "043", "청주시 충주시 제천시 보은군 옥천군 영동군 증평군 진천군 괴산군 음성군 단양군"),
    ("44", "충청남도", "041", "천안시 공주시 보령시 아산시 서산시 논산시 계룡시 당진시 금산군 부여군 서천군 청양군 홍성군 예산군 태안군"),
    ("52", "전북특별자치도", "063", "전주시 군산시 익산시 정읍시 남원시 김제시 완주군 진안군 무주군 장수군 임실군 순창군 고창군 부안군"),
    ("46", "전라남도", "061", "목포시 여수시 순천시 나주시 광양시 담양군 곡성군 구례군 고흥군 보성군 화순군 장흥군 강진군 해남군 영암군 무안군 함평군 영광군 장성군 완도군 진도군 신안군"),
    ("47", "경상북도", "054", "포항시 경주시 김천시 안동시 구미시 영주시 영천시 상주시 문경시 경산시 의성군 청송군 영양군 영덕군 청도군 고령군 성주군 칠곡군 예천군 봉화군 울진군 울릉군"),
    ("48", "경상남도", "055", "창원시 진주시 통영시 사천시 김해시 밀양시 거제시 양산시 의령군 함안군 창녕군 고성군 남해군 하동군 산청군 함양군 거창군 합천군"),
    ("50", "제주특별자치도", "064", "제주시 서귀포시"),
];

const CLINICS: &[&str] = &[
    "튼튼내과의원",
    "연세가정의학과의원",
    "365열린의원",
    "새봄내과의원",
    "중앙병원",
    "참편한내과의원",
    "우리가정의학과의원",
    "하나로내과의원",
];

const ROADS: &[&str] = &[
    "중앙로",
    "시청로",
    "문화로",
    "보건로",
    "희망로",
    "평화로",
    "대학로",
    "역전로",
];

/// Days of slots, starting the day after the first booking day.
pub const SLOT_DAYS: i64 = 14;
/// First and last slot start of a day, 30 minutes apart (09:00 to 17:30: 18 slots).
const SLOTS_PER_DAY: u32 = 18;

/// Fills an empty inventory in the caller's transaction; does nothing when centres exist
/// already (on PostgreSQL the caller holds the start-up lock, so two instances never both seed).
pub fn seed_if_empty(tx: &mut Tx, campaign_start: NaiveDate) -> Result<(), DbError> {
    let centres: i64 = tx.value("SELECT count(*) FROM centers", &[])?;
    if centres > 0 {
        return Ok(());
    }
    let mut rng = StdRng::seed_from_u64(20_210_809);
    // A centre's slots go in one statement: one round trip each, not one per slot.
    let slot_rows = (1..=SLOT_DAYS as usize * SLOTS_PER_DAY as usize)
        .map(|i| {
            let at = (i - 1) * 3;
            format!("($1, ${}, ${}, ${})", at + 2, at + 3, at + 4)
        })
        .collect::<Vec<_>>()
        .join(", ");
    let slot_insert =
        format!("INSERT INTO slots (center_id, date, time, capacity) VALUES {slot_rows}");
    for (region_pos, (code, name, area, districts)) in REGIONS.iter().enumerate() {
        tx.execute(
            "INSERT INTO regions (code, name, position) VALUES ($1, $2, $3)",
            args![code, name, region_pos],
        )?;
        for (pos, district) in districts.split(' ').enumerate() {
            let district_code = format!("{code}-{:03}", pos + 1);
            tx.execute(
                "INSERT INTO districts (code, region_code, name, position) VALUES ($1, $2, $3, $4)",
                args![district_code, code, district, pos],
            )?;
            let short = district.trim_end_matches(['구', '시', '군']);
            let clinics = rng.gen_range(0..=2);
            for index in 0..=clinics {
                let (centre_name, capacity) = if index == 0 {
                    (format!("{district} 예방접종센터"), rng.gen_range(12..=30))
                } else {
                    let clinic = CLINICS[rng.gen_range(0..CLINICS.len())];
                    (format!("{short} {clinic}"), rng.gen_range(3..=8))
                };
                let address = format!(
                    "{name} {district} {} {}",
                    ROADS[rng.gen_range(0..ROADS.len())],
                    rng.gen_range(1..=300)
                );
                let phone = format!(
                    "{area}-{}-{:04}",
                    rng.gen_range(200..=999),
                    rng.gen_range(0..=9999)
                );
                let vaccine = if rng.gen_bool(0.6) {
                    "pfizer"
                } else {
                    "moderna"
                };
                let big = index == 0;
                let centre_id: i64 = tx.value(
                        "INSERT INTO centers (district_code, name, address, phone, vaccine, wheelchair, elevator, parking)
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                        args![
                            district_code,
                            centre_name,
                            address,
                            phone,
                            vaccine,
                            big || rng.gen_bool(0.6),
                            big || rng.gen_bool(0.5),
                            big || rng.gen_bool(0.4),
                        ],
                    )?;
                let mut values = vec![centre_id.to_value()];
                for day in 1..=SLOT_DAYS {
                    let date = (campaign_start + Duration::days(day)).to_string();
                    for step in 0..SLOTS_PER_DAY {
                        let time = format!("{:02}:{:02}", 9 + step / 2, (step % 2) * 30);
                        values.extend([date.to_value(), time.to_value(), capacity.to_value()]);
                    }
                }
                tx.execute(&slot_insert, &values)?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::{Db, DbTarget};

    #[test]
    fn seeds_every_region_and_district_with_centres_and_slots_once() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&DbTarget::Sqlite(dir.path().join("seed.sqlite3"))).unwrap();
        let start = NaiveDate::from_ymd_opt(2026, 8, 9).unwrap();
        let seed = || db.transaction(|tx| seed_if_empty(tx, start)).unwrap();
        let count = |sql: &str| -> i64 { db.transaction(|tx| tx.value(sql, &[])).unwrap() };
        let text = |sql: &str| -> String { db.transaction(|tx| tx.value(sql, &[])).unwrap() };
        seed();
        assert_eq!(count("SELECT count(*) FROM regions"), 17);
        assert_eq!(count("SELECT count(*) FROM districts"), 229);
        let centres = count("SELECT count(*) FROM centers");
        assert!((300..=700).contains(&centres), "{centres} centres");
        assert_eq!(
            count("SELECT count(*) FROM slots"),
            centres * SLOT_DAYS * 18
        );
        assert_eq!(text("SELECT min(date) FROM slots"), "2026-08-10");
        assert_eq!(
            text("SELECT name FROM centers ORDER BY id LIMIT 1"),
            "종로구 예방접종센터"
        );
        let before = count("SELECT count(*) FROM slots");
        seed();
        let after = count("SELECT count(*) FROM slots");
        assert_eq!(before, after, "a second seed adds nothing");
    }
}
