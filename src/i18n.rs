//! The language layer: every user-facing string, in Korean (the source) and English.
//!
//! Keys are enum variants, so a misspelt key does not compile, and the `messages!` table demands
//! both languages for every key, so a missing translation does not compile either.

use serde::Deserialize;

/// A language the client speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    /// 한국어, the source language.
    Ko,
    /// English.
    En,
}

impl Locale {
    /// BCP 47 tag for `html[lang]` and `lang` attributes.
    pub fn as_str(self) -> &'static str {
        match self {
            Locale::Ko => "ko",
            Locale::En => "en",
        }
    }

    /// The other language, for the language switch.
    pub fn other(self) -> Locale {
        match self {
            Locale::Ko => Locale::En,
            Locale::En => Locale::Ko,
        }
    }
}

macro_rules! messages {
    ($($key:ident => ($ko:expr, $en:expr)),+ $(,)?) => {
        /// A message key; `text(locale)` gives its words.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Msg { $($key),+ }

        impl Msg {
            /// Every key, for tests that check the whole table.
            pub const ALL: &'static [Msg] = &[$(Msg::$key),+];

            /// The message with `{0}`, `{1}`... replaced by `args`.
            pub fn fill(self, locale: Locale, args: &[&str]) -> String {
                let mut text = self.text(locale).to_owned();
                for (i, arg) in args.iter().enumerate() {
                    text = text.replace(&format!("{{{i}}}"), arg);
                }
                text
            }

            /// The message in the given language.
            pub fn text(self, locale: Locale) -> &'static str {
                match (self, locale) {
                    $((Msg::$key, Locale::Ko) => $ko, (Msg::$key, Locale::En) => $en,)+
                }
            }
        }
    };
}

messages! {
    ServiceName => ("코로나19 백신 사전예약", "COVID-19 vaccine pre-booking"),
    OfficialSite => (
        "이 누리집은 대한민국 공식 전자정부 누리집입니다.",
        "This is an official website of the Republic of Korea."
    ),
    DateFormat => ("{1} {0}일 ({2})", "{2} {0} {1}"),
    MonthNames => ("1월,2월,3월,4월,5월,6월,7월,8월,9월,10월,11월,12월", "January,February,March,April,May,June,July,August,September,October,November,December"),
    WeekdayNames => ("일,월,화,수,목,금,토", "Sun,Mon,Tue,Wed,Thu,Fri,Sat"),
    IcsSummary => ("코로나19 백신 {0}차 접종", "COVID-19 vaccine dose {0}"),
    IcsDescription => ("예약 번호 {0}", "Booking number {0}"),
    TitleErrorPrefix => ("오류: ", "Error: "),
    SkipToContent => ("본문 바로가기", "Skip to main content"),
    A11yTitle => ("접근성 안내", "Accessibility statement"),
    A11yLead => ("누구나 이 서비스로 예약할 수 있도록 만들고 점검합니다.", "We build and check this service so that everyone can book with it."),
    A11yStandardTitle => ("준수 현황", "Conformance"),
    A11yStandard => ("이 서비스는 한국형 웹 콘텐츠 접근성 지침 2.2와 WCAG 2.2 AA 수준을 기준으로 합니다. 모든 화면을 한국어와 영어, 휴대폰과 컴퓨터 크기, 선명한 화면과 고대비 모드에서 자동 검사(axe)와 키보드만으로 점검합니다.", "This service aims at the Korean Web Content Accessibility Guidelines 2.2 and WCAG 2.2 level AA. Every screen is checked with automated tests (axe) and with the keyboard alone, in Korean and English, at phone and computer sizes, and in high-contrast and forced-colours modes."),
    A11yFeaturesTitle => ("이용을 돕는 기능", "What helps"),
    A11yKeyboard => ("마우스 없이 키보드만으로 처음부터 예약 완료까지 할 수 있습니다.", "You can book from start to finish with the keyboard alone."),
    A11yContrast => ("화면 위쪽의 '선명한 화면' 단추로 글자와 테두리를 더 뚜렷하게 볼 수 있습니다.", "The 'High contrast' button at the top makes text and borders stronger."),
    A11yZoom => ("화면을 200%까지 확대하거나 폭 320px 화면에서도 가로로 스크롤하지 않고 볼 수 있습니다.", "You can zoom to 200% or use a 320 px wide screen without scrolling sideways."),
    A11yReader => ("화면 낭독기는 쪽을 옮길 때마다 제목을, 대기 중에는 중요한 변화만 알려 줍니다.", "Screen readers hear each page's heading, and in the queue only changes that matter."),
    A11yTime => ("예약 시간이 끝나기 2분 전에 알려 드리고, 한 번의 동작이나 Esc 키로 연장할 수 있습니다.", "You are warned 2 minutes before your booking time ends and can extend it with one action or the Esc key."),
    A11yLimitsTitle => ("알려진 제한", "Known limits"),
    A11yLimitNames => ("접종 기관과 지역 이름, 주소는 한국어로만 제공됩니다.", "Centre and region names and addresses are in Korean only."),
    A11yLimitProviders => ("본인 인증 단계의 인증 앱 화면은 각 인증 기관이 제공하며, 이 안내의 범위 밖입니다.", "The identity providers' own app screens are theirs and outside this statement."),
    A11yLimitOffline => ("인터넷 연결이 없으면 예약할 수 없습니다. 대기 순서는 그동안 유지됩니다.", "You cannot book without an internet connection; your place in the queue is kept meanwhile."),
    A11yHelpTitle => ("도움 받기", "Getting help"),
    A11yHelp => ("이용이 어렵거나 접근성 문제를 발견하면 전화로 알려 주세요. 전화로 예약할 수도 있습니다.", "If something is hard to use or you find an accessibility problem, call us. You can also book by phone."),
    A11yReviewed => ("이 안내는 2026년 11월에 점검했습니다.", "This statement was reviewed in November 2026."),
    HighContrast => ("선명한 화면", "High contrast"),
    SwitchLanguage => ("English", "한국어"),
    HelplineLabel => ("질병관리청 콜센터", "KDCA call centre"),
    HelplineHint => (
        "본인 인증이나 예약이 어려우면 전화로 예약할 수 있습니다.",
        "If you cannot verify or book online, you can book by phone."
    ),
    StartTitle => ("사전예약 안내", "Pre-booking"),
    StartLead => (
        "본인 인증을 한 뒤 대기 순서에 따라 접종 기관과 날짜를 예약합니다.",
        "Verify your identity, wait for your turn, then book a centre and a date."
    ),
    NotFoundTitle => ("페이지를 찾을 수 없습니다", "Page not found"),
    NotFoundBody => (
        "주소가 바뀌었거나 잘못 입력되었을 수 있습니다.",
        "The address may have changed or been mistyped."
    ),
    GoToStart => ("처음 화면으로", "Go to the start page"),
    ErrorTitlePrefix => ("오류", "Error"),
    FatalTitle => ("일시적인 오류가 발생했습니다", "Something went wrong"),
    FatalBody => (
        "화면을 다시 불러와 주세요. 이미 완료한 예약은 그대로 유지됩니다.",
        "Please reload the page. A booking you already completed is kept."
    ),
    ConfigTitle => ("서비스 설정을 불러오지 못했습니다", "The service settings could not be loaded"),
    ConfigBody => (
        "잠시 후 다시 불러와 주세요. 문제가 계속되면 전화로 예약할 수 있습니다.",
        "Please reload in a moment. If it keeps happening, you can book by phone."
    ),
    FatalCall => ("문제가 계속되면 전화해 주세요:", "If it keeps happening, call:"),
    Reload => ("다시 불러오기", "Reload"),
    Loading => ("불러오는 중입니다", "Loading"),
    Retry => ("다시 시도", "Try again"),
    Continue => ("다음", "Continue"),
    Back => ("이전", "Back"),
    CampaignCohort => ("대상: {0}~{1}년생", "Who: born {0} to {1}"),
    CampaignWindow => ("예약 시간: 매일 {0}부터 다음 날 {1}까지", "Booking hours: daily from {0} to {1} the next day"),
    CampaignWindowAlways => ("예약 시간: 언제든지", "Booking hours: any time"),
    CampaignTodayDigit => ("지금 예약 대상: 생년월일 끝자리가 {0}인 분", "Booking now: birth dates ending in {0}"),
    CampaignTodayAll => ("지금은 대상자 누구나 예약할 수 있습니다", "Now everyone in the cohort may book"),
    CampaignClosed => ("지금은 예약 시간이 아닙니다. 다음 예약 시작: {0} {1}", "Booking is closed now. It opens next on {0} at {1}"),
    CampaignOver => ("이번 사전예약 기간이 끝났습니다.", "This pre-booking period has ended."),
    CheckHeading => ("내 예약일 확인", "Check your booking day"),
    BirthLabel => ("생년월일 8자리", "Date of birth (8 digits)"),
    BirthHint => ("예: 19700319", "For example 19700319"),
    CheckButton => ("예약일 확인", "Check"),
    ResultToday => ("오늘 예약하실 수 있습니다", "You can book now"),
    ResultLater => ("예약일은 {0} {1}부터입니다", "Your booking day starts on {0} at {1}"),
    ResultNotInCohort => ("이번 예약 대상은 {0}~{1}년생입니다", "This booking is for people born {0} to {1}"),
    ResultOver => ("이번 사전예약 기간에는 예약일이 남아 있지 않습니다. 콜센터로 문의해 주세요.", "No booking days are left for you in this period. Please call the helpline."),
    StartBooking => ("본인 인증하고 예약 시작", "Verify and start booking"),
    TipsHeading => ("알아 두세요", "Good to know"),
    SelfOnly => ("본인만 예약할 수 있습니다. 다른 분을 대신해 예약할 수 없으며, 도움이 필요하면 콜센터가 예약을 도와 드립니다.", "You can only book for yourself. If you need help, the call centre can book for you."),
    ProviderTitle => ("인증 방법 선택", "Choose how to verify"),
    ProviderLegend => ("어떤 방법으로 본인 인증을 하시겠습니까?", "How do you want to verify your identity?"),
    ProviderHint => ("원활한 방법을 고르면 더 빨리 끝납니다. 상태는 자동으로 새로 고쳐집니다.", "A smooth one is quicker. The status updates by itself."),
    StatusSmooth => ("원활", "Smooth"),
    StatusDelayed => ("지연", "Delayed"),
    StatusCongested => ("혼잡", "Congested"),
    StatusUnavailable => ("선택 불가", "Unavailable"),
    ProviderWait => ("예상 {0}초", "about {0} s"),
    ProviderFastest => ("가장 빠름", "Fastest"),
    ProviderUpdated => ("상태 확인: {0}", "Status checked {0}"),
    ChooseProviderError => ("인증 방법을 선택해 주세요", "Choose how to verify"),
    VerifyTitle => ("본인 인증", "Verify your identity"),
    NameLabel => ("이름", "Name"),
    PhoneLabel => ("휴대폰 번호", "Mobile number"),
    PhoneHint => ("예: 010-1234-5678", "For example 010-1234-5678"),
    VerifySubmit => ("인증 요청", "Send verification request"),
    ErrorSummaryTitle => ("입력 내용을 확인해 주세요", "There is a problem"),
    FieldNameMissing => ("이름을 입력해 주세요", "Enter your name"),
    FieldNameInvalid => ("이름은 글자로 40자까지 입력해 주세요", "Enter your name in letters, up to 40"),
    FieldBirthMissing => ("생년월일을 입력해 주세요", "Enter your date of birth"),
    FieldBirthInvalid => ("생년월일 8자리를 예처럼 입력해 주세요 (예: 19700319)", "Enter your date of birth as 8 digits, like 19700319"),
    FieldPhoneMissing => ("휴대폰 번호를 입력해 주세요", "Enter your mobile number"),
    FieldPhoneInvalid => ("휴대폰 번호를 예처럼 입력해 주세요 (예: 010-1234-5678)", "Enter a mobile number like 010-1234-5678"),
    FieldNumberMissing => ("예약 번호를 입력해 주세요", "Enter your reservation number"),
    FieldNumberInvalid => ("예약 번호를 예처럼 입력해 주세요 (예: YY-ABCDE23456)", "Enter a reservation number like YY-ABCDE23456"),
    ApproveTitle => ("인증 앱에서 승인해 주세요", "Approve in your app"),
    ApproveBody => ("{0}(으)로 보낸 인증 요청을 승인해 주세요. 승인되면 자동으로 대기열에 들어갑니다.", "Approve the request sent to {0}. Once approved you join the queue automatically."),
    ApproveWaiting => ("승인을 기다리는 중입니다", "Waiting for your approval"),
    ApproveCancel => ("취소하고 다른 방법 선택", "Cancel and choose another way"),
    ApproveRejected => ("인증이 완료되지 않았습니다. 다른 방법으로 다시 시도해 주세요.", "Verification did not complete. Please try again, perhaps another way."),
    LockedTitle => ("다른 기기에서 인증 중입니다", "You are verifying on another device"),
    LockedBody => ("같은 분이 여러 기기에서 인증하면 처음 기기만 사용할 수 있습니다.", "When one person verifies on several devices, only the first can continue."),
    LockedUntil => ("{0}에 이 기기에서 다시 인증할 수 있습니다.", "This device can verify again at {0}."),
    LockedRemaining => ("남은 시간", "Time left"),
    LockedAdvice => ("처음 인증한 기기에서 계속 진행해 주세요.", "Carry on with the device you verified on first."),
    QueueTitle => ("접속 대기 중입니다", "You are in the queue"),
    QueueAhead => ("내 앞 대기 인원", "People ahead of you"),
    QueueBehind => ("내 뒤 대기 인원", "People behind you"),
    QueueEta => ("예상 대기 시간", "Estimated wait"),
    QueueEtaRange => ("약 {0}~{1}분", "About {0} to {1} min"),
    QueueEtaLong => ("1시간 이상", "Over an hour"),
    QueuePaused => ("잠시 입장을 멈췄습니다. 순서는 그대로 유지됩니다.", "Admission is paused for a moment. Your place is kept."),
    QueueAdvice => ("이 화면이 순서를 지켜 줍니다. 새로고침하거나 다시 접속해도 빨라지지 않습니다.", "This page keeps your place. Reloading or reconnecting does not make it faster."),
    QueueLastContact => ("마지막 연결: {0}", "Last contact: {0}"),
    AgoJustNow => ("방금", "just now"),
    AgoSeconds => ("{0}초 전", "{0} s ago"),
    AgoMinutes => ("{0}분 전", "{0} min ago"),
    QueueEstimateNote => ("추정치: 확인과 확인 사이에는 입장 속도에 맞춰 줄어듭니다.", "Estimate: between checks it goes down at the admission rate."),
    Estimate => ("추정", "estimate"),
    QueueSoon => ("곧 차례입니다", "Almost your turn"),
    QueueOffline => ("인터넷 연결이 끊겼습니다. 연결되면 이 화면이 알아서 이어 갑니다.", "You are offline. This page carries on by itself when the connection returns."),
    QueueHeldUntil => ("순서는 그대로 유지됩니다. 차례가 온 뒤에도 10분 동안 자리를 지켜 드리므로, 적어도 {0}까지는 괜찮습니다.", "Your place is kept. It is held for 10 minutes after your turn comes, so you are safe until at least {0}."),
    QueueBackOnline => ("다시 연결되었습니다. 순서는 그대로입니다.", "Connected again. Your place is unchanged."),
    QueueOtherTab => ("다른 탭에서 이 대기 순서를 확인하고 있습니다. 이 탭은 그 탭이 받은 내용을 함께 보여 줍니다.", "Another tab is checking this place in line. This tab shows what that tab receives."),
    QueuePauseUpdates => ("자동 업데이트 멈추기", "Pause automatic updates"),
    QueueResumeUpdates => ("자동 업데이트 다시 시작", "Resume automatic updates"),
    QueueUpdatesPaused => ("화면 업데이트를 멈췄습니다. 순서는 그대로 유지되고, 차례가 되면 예약 화면으로 넘어갑니다.", "Updates are paused. Your place is kept, and the booking page opens when your turn comes."),
    QueueAnnounce => ("내 앞 대기 인원 약 {0}명, 예상 대기 시간 {1}", "About {0} people ahead, estimated wait {1}"),
    QueueAlertOptIn => ("차례가 되면 소리와 알림으로 알려 주세요", "Alert me with a sound and a notification when it is my turn"),
    QueueAlertDenied => ("이 브라우저에서 알림이 허용되지 않아 소리로만 알려 드립니다.", "Notifications are blocked in this browser, so you will only hear a sound."),
    QueueNoTicket => ("이 탭에는 대기 순서가 없습니다. 처음부터 시작해 주세요.", "This tab has no place in the queue. Please start again."),
    AdmittedTitle => ("차례가 되었습니다", "It is your turn"),
    AdmittedLead => ("남은 시간 안에 접종 기관과 날짜를 골라 예약을 마쳐 주세요.", "Choose a centre and a date and finish booking in the time left."),
    AdmittedNotification => ("차례가 되었습니다. 지금 예약을 시작하세요.", "It is your turn. Start booking now."),
    TimeoutTitle => ("예약 시간이 곧 끝납니다", "Your booking time is nearly up"),
    TimeoutBody => ("{0} 뒤에 예약 시간이 끝납니다. 끝나면 대기열에 다시 들어가야 합니다.", "Your booking time ends in {0}. After that you need to join the queue again."),
    TimeoutExtend => ("10분 더 쓰기", "Give me 10 more minutes"),
    TimeoutExtendHint => ("Esc 키를 눌러도 연장됩니다. 남은 연장 횟수: {0}번", "Pressing Esc also extends. Extensions left: {0}"),
    TimeoutNoMore => ("더 연장할 수 없습니다. 남은 시간 안에 예약을 마쳐 주세요.", "The time cannot be extended again. Please finish booking in the time left."),
    TimeoutOk => ("확인", "OK"),
    TimeoutExtended => ("예약 시간을 10분 연장했습니다.", "Booking time extended by 10 minutes."),
    ProviderChanged => ("{0}: {1}(으)로 바뀌었습니다", "{0} is now {1}"),
    QueueReconnecting => ("연결을 다시 시도하는 중입니다. 순서는 유지됩니다.", "Reconnecting. Your place is kept."),
    QueueProgressLabel => ("대기 진행률", "Queue progress"),
    LeaveQueue => ("대기 취소", "Leave the queue"),
    LeaveConfirm => ("대기를 취소하면 순서가 사라집니다. 취소하시겠습니까?", "If you leave, you lose your place. Leave the queue?"),
    LeaveYes => ("네, 대기 취소", "Yes, leave"),
    LeaveNo => ("계속 기다리기", "Keep waiting"),
    LeftQueue => ("대기를 취소했습니다.", "You left the queue."),
    Admitted => ("입장 순서가 되었습니다", "It is your turn"),
    BookTitle => ("접종 기관과 날짜 선택", "Choose where and when"),
    StepRegion => ("시·도", "Region"),
    StepDistrict => ("시·군·구", "District"),
    StepCenter => ("접종 기관", "Centre"),
    StepDate => ("날짜", "Date"),
    StepTime => ("시간", "Time"),
    StepOf => ("{1}/{0}단계", "Step {1} of {0}"),
    LegendRegion => ("어느 시·도에서 접종하시겠습니까?", "Which region?"),
    LegendDistrict => ("어느 시·군·구에서 접종하시겠습니까?", "Which district?"),
    LegendCenter => ("접종 기관을 선택해 주세요", "Choose a vaccination centre"),
    LegendDate => ("접종 날짜를 선택해 주세요", "Choose a date"),
    LegendTime => ("접종 시간을 선택해 주세요", "Choose a time"),
    Remaining => ("잔여 {0}", "{0} left"),
    Full => ("마감", "Full"),
    Wheelchair => ("휠체어 접근 가능", "Wheelchair access"),
    Elevator => ("엘리베이터", "Lift"),
    Parking => ("장애인 주차", "Accessible parking"),
    SelectionRequired => ("하나를 선택해 주세요", "Choose one"),
    BookingTimeLeft => ("예약 가능 시간", "Booking time left"),
    Extend => ("시간 연장", "Extend time"),
    ReviewTitle => ("예약 내용 확인", "Check your booking"),
    ReviewCenter => ("접종 기관", "Centre"),
    ReviewFirstDose => ("1차 접종", "First dose"),
    ReviewSecondDose => ("2차 접종 (자동 예약)", "Second dose (booked for you)"),
    ReviewVaccine => ("백신", "Vaccine"),
    Change => ("변경", "Change"),
    SecondDoseAfter => ("1차 접종 {0}일 뒤 같은 시간에 자동으로 예약됩니다", "Booked for you {0} days later at the same time"),
    DoseAt => ("{0} {1}", "{0} at {1}"),
    Consent => ("본인의 예약이며 위 내용으로 예약합니다.", "This booking is for me, as shown above."),
    ConsentRequired => ("확인란에 표시해 주세요", "Tick the box to confirm"),
    Confirm => ("예약하기", "Book"),
    Alternatives => ("가까운 다른 시간", "Nearby times"),
    ChooseAlternative => ("이 시간으로 예약", "Book this time"),
    RejoinQueue => ("대기열에 다시 들어가기", "Join the queue again"),
    DoneTitle => ("예약이 완료되었습니다", "You are booked"),
    DoneNumber => ("예약 번호", "Reservation number"),
    DoneBring => ("신분증(주민등록증, 운전면허증, 여권)을 꼭 가져오세요.", "Bring photo ID (ID card, driving licence or passport)."),
    DoneSms => ("예약 내용은 문자로도 보내 드립니다.", "We also send the details by text message."),
    Print => ("인쇄", "Print"),
    Calendar => ("캘린더에 추가 (.ics)", "Add to calendar (.ics)"),
    ManageLink => ("예약 조회·취소", "Look up or cancel a booking"),
    ManageTitle => ("예약 조회", "Look up a booking"),
    NumberLabel => ("예약 번호", "Reservation number"),
    NumberHint => ("예: YY-ABCDE23456", "For example YY-ABCDE23456"),
    LookupSubmit => ("조회", "Look up"),
    CancelBooking => ("예약 취소", "Cancel the booking"),
    ChangeBooking => ("예약 변경", "Change the booking"),
    ChangedTitle => ("예약이 변경되었습니다", "Your booking is changed"),
    ConfirmChange => ("이 내용으로 변경하기", "Change to this"),
    CancelConfirm => ("예약을 취소하면 자리가 다른 분께 돌아갑니다. 취소하시겠습니까?", "Cancelling gives your place to someone else. Cancel the booking?"),
    CancelYes => ("네, 예약을 취소합니다", "Yes, cancel it"),
    CancelNo => ("아니요", "No"),
    Cancelled => ("예약이 취소되었습니다", "Your booking is cancelled"),
    StatusActive => ("예약됨", "Booked"),
    ErrNotYourDay => ("오늘은 예약일이 아닙니다. 처음 화면에서 예약일을 확인해 주세요.", "Today is not your booking day. Check your day on the start page."),
    ErrOutsideWindow => ("지금은 예약 시간이 아닙니다. 처음 화면에서 예약 시간을 확인해 주세요.", "Booking is closed now. See the hours on the start page."),
    ErrNotInCohort => ("이번 예약 대상이 아닙니다.", "You are not in this booking's age group."),
    ErrProviderUnavailable => ("선택한 인증 방법을 지금 쓸 수 없습니다. 다른 방법을 선택해 주세요.", "That way to verify is unavailable now. Please choose another."),
    ErrDeviceLocked => ("다른 기기에서 인증 중입니다.", "You are verifying on another device."),
    ErrSlotFull => ("방금 다른 분이 마지막 자리를 예약했습니다. 가까운 다른 시간을 선택해 주세요.", "Someone just took the last place. Please choose a nearby time."),
    ErrAlreadyReserved => ("이미 예약하셨습니다. 예약 조회에서 확인해 주세요.", "You already have a booking. See it under look up."),
    ErrAdmissionExpired => ("예약 가능 시간이 지났습니다. 대기열에 다시 들어가 주세요.", "Your booking time ran out. Please join the queue again."),
    ErrReservationNotFound => ("일치하는 예약이 없습니다. 이름, 생년월일, 예약 번호를 확인해 주세요.", "No booking matches. Check the name, date of birth and number."),
    ErrCutoff => ("접종 전날까지만 변경·취소할 수 있습니다. 콜센터로 문의해 주세요.", "Changes close the day before the first dose. Please call the helpline."),
    ErrInvalidField => ("입력 내용을 확인해 주세요.", "Please check what you entered."),
    ErrNetwork => ("서버와 연결이 원활하지 않습니다. 입력한 내용과 순서는 유지됩니다. 잠시 후 다시 시도해 주세요.", "The connection is unreliable. What you entered and your place are kept. Please try again shortly."),
    ErrUnknown => ("요청을 처리하지 못했습니다. 다시 시도하거나 콜센터로 문의해 주세요.", "We could not do that. Try again or call the helpline."),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_has_non_empty_distinct_translations() {
        for msg in Msg::ALL {
            let (ko, en) = (msg.text(Locale::Ko), msg.text(Locale::En));
            assert!(
                !ko.trim().is_empty() && !en.trim().is_empty(),
                "{msg:?} is empty"
            );
            assert_ne!(ko, en, "{msg:?} is not translated");
        }
    }

    #[test]
    fn korean_text_is_korean() {
        let hangul = |s: &str| s.chars().any(|c| ('가'..='힣').contains(&c));
        // The switch names the other language; DoseAt is only a date-and-time template in Korean.
        let untranslatable = [Msg::SwitchLanguage, Msg::DoseAt];
        for msg in Msg::ALL.iter().filter(|m| !untranslatable.contains(m)) {
            assert!(hangul(msg.text(Locale::Ko)), "{msg:?} has no Hangul");
        }
    }

    #[test]
    fn placeholders_match_between_languages_and_fill() {
        for msg in Msg::ALL {
            for i in 0..3 {
                let slot = format!("{{{i}}}");
                assert_eq!(
                    msg.text(Locale::Ko).contains(&slot),
                    msg.text(Locale::En).contains(&slot),
                    "{msg:?} {slot}"
                );
            }
        }
        assert_eq!(
            Msg::CampaignCohort.fill(Locale::Ko, &["1967", "1976"]),
            "대상: 1967~1976년생"
        );
    }

    /// The code before its tests, without comment lines.
    fn shipped_code(text: &str) -> String {
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        code.lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// String literals written as text between tags in `view!` (`>"words"<`).
    fn literal_texts(code: &str) -> Vec<String> {
        let mut found = Vec::new();
        let mut rest = code;
        while let Some(at) = rest.find('>') {
            rest = &rest[at + 1..];
            let trimmed = rest.trim_start();
            let Some(body) = trimmed.strip_prefix('"') else {
                continue;
            };
            let Some(end) = body.find('"') else { break };
            let literal = &body[..end];
            if literal.starts_with('#') {
                // The end of a raw string (an HTML template), not a text node.
                continue;
            }
            let after = body[end + 1..].trim_start();
            if (after.starts_with('<') || after.starts_with('{'))
                && literal.chars().any(char::is_alphabetic)
            {
                found.push(literal.to_owned());
            }
        }
        found
    }

    fn is_hangul(c: char) -> bool {
        matches!(c, '\u{AC00}'..='\u{D7A3}' | '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}')
    }

    fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    #[test]
    fn every_visible_word_comes_from_this_table() {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = Vec::new();
        rust_files(&src, &mut files);
        assert!(files.len() > 30, "found the client's sources: {files:?}");
        let mut offences = Vec::new();
        for file in files.iter().filter(|f| !f.ends_with("i18n.rs")) {
            let code = shipped_code(&std::fs::read_to_string(file).unwrap());
            for (n, line) in code.lines().enumerate() {
                if line.chars().any(is_hangul) {
                    offences.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
                }
            }
            for text in literal_texts(&code) {
                offences.push(format!("{}: text in view!: {text:?}", file.display()));
            }
        }
        assert_eq!(
            offences,
            Vec::<String>::new(),
            "user-facing text outside i18n.rs"
        );
        // The checker itself sees what it must.
        assert_eq!(literal_texts("<p>\"Hello\"</p> <b>\" \"</b>"), ["Hello"]);
        assert!("예약".chars().all(is_hangul));
    }

    #[test]
    fn every_key_has_words_in_both_languages() {
        for msg in Msg::ALL {
            for locale in [Locale::Ko, Locale::En] {
                assert!(!msg.text(locale).trim().is_empty(), "{msg:?} in {locale:?}");
            }
            let korean = msg.text(Locale::Ko);
            let english = msg.text(Locale::En);
            if korean.chars().any(is_hangul) {
                assert!(
                    !english.chars().any(is_hangul),
                    "{msg:?}: English text is Korean"
                );
            }
        }
    }

    #[test]
    fn says_how_long_ago_in_each_language() {
        assert_eq!(ago(Locale::Ko, 1_200.0), "방금");
        assert_eq!(ago(Locale::Ko, 12_400.0), "12초 전");
        assert_eq!(ago(Locale::En, 12_400.0), "12 s ago");
        assert_eq!(ago(Locale::Ko, 185_000.0), "3분 전");
        assert_eq!(ago(Locale::En, -5.0), "just now");
    }

    #[test]
    fn locale_round_trips_and_switches() {
        assert_eq!(Locale::Ko.other(), Locale::En);
        assert_eq!(Locale::En.other().as_str(), "ko");
        let parsed: Locale = serde_json::from_str("\"en\"").unwrap();
        assert_eq!(parsed, Locale::En);
    }
}

/// How long ago something happened, in words ("12초 전", "3 min ago"); counts up in whole
/// seconds, then minutes, so a ticking display changes at most once a second.
pub fn ago(locale: Locale, elapsed_ms: f64) -> String {
    let seconds = (elapsed_ms.max(0.0) / 1000.0) as u64;
    match seconds {
        0..=2 => Msg::AgoJustNow.text(locale).to_owned(),
        3..=59 => Msg::AgoSeconds.fill(locale, &[&seconds.to_string()]),
        _ => Msg::AgoMinutes.fill(locale, &[&(seconds / 60).to_string()]),
    }
}

/// The reactive language of the running app, provided once at the root.
#[derive(Debug, Clone, Copy)]
pub struct I18n {
    /// The current language; the switch writes it, every text reads it.
    pub locale: leptos::prelude::RwSignal<Locale>,
}

impl I18n {
    /// A closure giving `msg` in the current language, for use inside `view!`.
    pub fn t(self, msg: Msg) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        use leptos::prelude::Get;
        move || msg.text(self.locale.get())
    }
}

/// The app's [`I18n`]; panics outside the app root (a bug, shown as the fatal page).
pub fn use_i18n() -> I18n {
    leptos::prelude::expect_context::<I18n>()
}
