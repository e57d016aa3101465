//! Counting what ran: cargo/libtest result lines, Playwright's JSON report, and single checks.

/// Passed and failed counts of one stage of the test run.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    /// Tests (or checks) that passed.
    pub passed: u32,
    /// Tests (or checks) that failed, including a runner that crashed before reporting.
    pub failed: u32,
}

impl Tally {
    /// One check (fmt, clippy, a build) counted as one test.
    pub fn check(ok: bool) -> Self {
        if ok {
            Self {
                passed: 1,
                failed: 0,
            }
        } else {
            Self {
                passed: 0,
                failed: 1,
            }
        }
    }

    /// Adds another stage's counts.
    pub fn add(&mut self, other: Tally) {
        self.passed += other.passed;
        self.failed += other.failed;
    }

    /// The closing line CI reads.
    pub fn summary_line(&self) -> String {
        format!("{} passed, {} failed", self.passed, self.failed)
    }
}

/// Sums every `test result: ... N passed; M failed; ...` line (libtest and wasm-bindgen-test).
/// A runner that exited non-zero without reporting any failure counts as one failure.
pub fn from_libtest(output: &str, exit_ok: bool) -> Tally {
    let mut tally = Tally::default();
    for line in output.lines() {
        let Some(rest) = line.trim().strip_prefix("test result:") else {
            continue;
        };
        tally.passed += count_before(rest, " passed");
        tally.failed += count_before(rest, " failed");
    }
    if !exit_ok && tally.failed == 0 {
        tally.failed = 1;
    }
    tally
}

fn count_before(text: &str, label: &str) -> u32 {
    text.find(label)
        .and_then(|end| text[..end].rsplit(|c: char| !c.is_ascii_digit()).next())
        .and_then(|digits| digits.parse().ok())
        .unwrap_or(0)
}

/// Reads Playwright's JSON reporter `stats`: expected and flaky passed; unexpected failed.
pub fn from_playwright_json(report: Option<&str>, exit_ok: bool) -> Tally {
    let stats = report
        .and_then(|text| serde_json::from_str::<serde_json::Value>(text).ok())
        .map(|json| json["stats"].clone());
    let count = |key: &str| stats.as_ref().and_then(|s| s[key].as_u64()).unwrap_or(0) as u32;
    let mut tally = Tally {
        passed: count("expected") + count("flaky"),
        failed: count("unexpected"),
    };
    if !exit_ok && tally.failed == 0 {
        tally.failed = 1;
    }
    tally
}

/// Reads a JUnit report (schemathesis writes one test case per API operation): a case with a
/// `<failure` or `<error` failed, any other passed. A runner that exited non-zero without a
/// failing case counts as one failure.
pub fn from_junit(report: Option<&str>, exit_ok: bool) -> Tally {
    let mut tally = Tally::default();
    for case in report.unwrap_or_default().split("<testcase ").skip(1) {
        let body = case.split("</testcase>").next().unwrap_or(case);
        if body.contains("<failure") || body.contains("<error") {
            tally.failed += 1;
        } else {
            tally.passed += 1;
        }
    }
    if !exit_ok && tally.failed == 0 {
        tally.failed = 1;
    }
    tally
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_every_result_line() {
        let out = "running 2 tests\n\
                   test result: ok. 2 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out\n\
                   test result: FAILED. 10 passed; 3 failed; 1 ignored; 0 measured\n";
        assert_eq!(
            from_libtest(out, false),
            Tally {
                passed: 12,
                failed: 3
            }
        );
    }

    #[test]
    fn a_crash_without_a_result_line_is_a_failure() {
        assert_eq!(
            from_libtest("error[E0425]: cannot find value", false),
            Tally {
                passed: 0,
                failed: 1
            }
        );
        assert_eq!(from_libtest("", true), Tally::default());
    }

    #[test]
    fn reads_playwright_stats() {
        let json = r#"{"stats":{"expected":7,"unexpected":1,"flaky":2,"skipped":3}}"#;
        assert_eq!(
            from_playwright_json(Some(json), false),
            Tally {
                passed: 9,
                failed: 1
            }
        );
        assert_eq!(
            from_playwright_json(None, false),
            Tally {
                passed: 0,
                failed: 1
            }
        );
        assert_eq!(
            from_playwright_json(Some("not json"), true),
            Tally::default()
        );
    }

    #[test]
    fn summary_line_has_the_shape_ci_reads() {
        let mut total = Tally::check(true);
        total.add(Tally {
            passed: 4,
            failed: 2,
        });
        assert_eq!(total.summary_line(), "5 passed, 2 failed");
    }

    #[test]
    fn junit_cases_fail_on_a_failure_or_an_error() {
        let report = r#"<testsuites><testsuite>
            <testcase name="GET /a" time="0.1"/>
            <testcase name="POST /b" time="0.1"><failure type="failure" message="ST103">x</failure></testcase>
            <testcase name="PUT /c" time="0.1"></testcase>
            <testcase name="DELETE /d" time="0.1"><error message="boom">y</error></testcase>
        </testsuite></testsuites>"#;
        assert_eq!(
            from_junit(Some(report), false),
            Tally {
                passed: 2,
                failed: 2
            }
        );
        assert_eq!(
            from_junit(None, false),
            Tally {
                passed: 0,
                failed: 1
            }
        );
    }
}
