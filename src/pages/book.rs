//! Choosing where and when: region → district → centre → date → time, one step at a time, with
//! a step indicator and back links that keep every choice made.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use yeyak_protocol::{AvailabilityResponse, CentersResponse, RegionsResponse};

use crate::api::ApiError;
use crate::components::admission_timer::AdmissionTimer;
use crate::components::choice_list::{ChoiceList, ChoiceOption};
use crate::components::notice::Failed;
use crate::components::page_title::{use_page_title, use_page_title_focusing};
use crate::components::spinner::Spinner;
use crate::components::step_indicator::StepIndicator;
use crate::domain::dates::Date;
use crate::i18n::{use_i18n, LaterMsg, Locale, Msg};
use crate::pages::use_api;
use crate::state::journey::use_journey;
use crate::state::stored::Stored;

const STEPS: [Msg; 5] = [
    Msg::StepRegion,
    Msg::StepDistrict,
    Msg::StepCenter,
    Msg::StepDate,
    Msg::StepTime,
];
const LEGENDS: [Msg; 5] = [
    Msg::LegendRegion,
    Msg::LegendDistrict,
    Msg::LegendCenter,
    Msg::LegendDate,
    Msg::LegendTime,
];

/// `/book`.
#[component]
pub fn BookPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let journey = use_journey();
    let navigate = use_navigate();
    // Arriving from the queue: the title says it is the person's turn (seen in a background
    // tab), and focus goes to the message saying so.
    let admitted = journey.with_untracked(|j| j.just_admitted);
    if admitted {
        use_page_title_focusing(Msg::AdmittedTitle, "#yy-admitted");
        on_cleanup(move || journey.update(|j| j.just_admitted = false));
    } else {
        use_page_title(Msg::BookTitle);
    }
    let step = Signal::derive(move || journey.with(|j| j.choice.step.min(4)));
    let selected = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<Msg>);

    // Start each step with the choice made before (going back keeps it).
    Effect::new(move |_| {
        let current = journey.with(|j| {
            let c = &j.choice;
            match c.step {
                0 => c.region.clone(),
                1 => c.district.clone(),
                2 => c
                    .center
                    .as_ref()
                    .and_then(Stored::get)
                    .map(|c| c.id.to_string()),
                3 => c.date.clone(),
                _ => c
                    .slot
                    .as_ref()
                    .and_then(Stored::get)
                    .map(|s| s.slot_id.to_string()),
            }
        });
        selected.set(current);
        error.set(None);
    });

    let regions_api = api.clone();
    let regions = LocalResource::new(move || {
        let api = regions_api.clone();
        async move { api.regions().await }
    });
    // Each list is asked for again only when what it depends on changes, not at every step
    // (an answer a cache kept would be asked for, and learnt from, for nothing).
    let district = Memo::new(move |_| journey.with(|j| j.choice.district.clone()));
    let center_id = Memo::new(move |_| {
        journey.with(|j| j.choice.center.as_ref().and_then(Stored::get).map(|c| c.id))
    });
    let centers_api = api.clone();
    let centers = LocalResource::new(move || {
        let api = centers_api.clone();
        let district = district.get();
        async move {
            match district {
                Some(d) => api.centers(&d).await.map(Some),
                None => Ok(None),
            }
        }
    });
    let availability_api = api.clone();
    let availability = LocalResource::new(move || {
        let api = availability_api.clone();
        let center = center_id.get();
        async move {
            match center {
                Some(id) => api.availability(id).await.map(Some),
                None => Ok(None),
            }
        }
    });

    let options = move || -> Option<Result<Vec<ChoiceOption>, ApiError>> {
        let locale = i18n.locale.get();
        let choice = journey.with(|j| j.choice.clone());
        Some(match step.get() {
            0 => regions.get()?.map(|r: RegionsResponse| {
                r.regions
                    .into_iter()
                    .map(|r| korean_option(r.code, r.name, None, None))
                    .collect()
            }),
            1 => regions.get()?.map(|r: RegionsResponse| {
                r.regions
                    .into_iter()
                    .find(|r| Some(&r.code) == choice.region.as_ref())
                    .map(|r| {
                        r.districts
                            .into_iter()
                            .map(|d| korean_option(d.code, d.name, None, None))
                            .collect()
                    })
                    .unwrap_or_default()
            }),
            2 => centers.get()?.map(|c: Option<CentersResponse>| {
                c.map(|c| {
                    c.centers
                        .into_iter()
                        .map(|c| {
                            let mut detail = vec![vaccine_name(&c.vaccine, locale)];
                            if c.accessibility.wheelchair {
                                detail.push(LaterMsg::Wheelchair.text(locale).into());
                            }
                            if c.accessibility.elevator {
                                detail.push(LaterMsg::Elevator.text(locale).into());
                            }
                            if c.accessibility.parking {
                                detail.push(LaterMsg::Parking.text(locale).into());
                            }
                            korean_option(
                                c.id.to_string(),
                                c.name,
                                Some(c.address),
                                Some(detail.join(" · ")),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default()
            }),
            3 => availability.get()?.map(|a: Option<AvailabilityResponse>| {
                a.map(|a| {
                    a.days
                        .into_iter()
                        .map(|d| {
                            let label = Date::parse_loose(&d.date)
                                .map(|x| x.human(locale))
                                .unwrap_or(d.date.clone());
                            let detail = if d.remaining == 0 {
                                LaterMsg::Full.text(locale).to_owned()
                            } else {
                                LaterMsg::Remaining.fill(locale, &[&d.remaining.to_string()])
                            };
                            option(d.date, label, Some(detail), d.remaining == 0)
                        })
                        .collect()
                })
                .unwrap_or_default()
            }),
            _ => availability.get()?.map(|a: Option<AvailabilityResponse>| {
                a.and_then(|a| {
                    a.days
                        .into_iter()
                        .find(|d| Some(&d.date) == choice.date.as_ref())
                })
                .map(|d| {
                    d.slots
                        .into_iter()
                        .map(|s| {
                            let detail = if s.remaining == 0 {
                                LaterMsg::Full.text(locale).to_owned()
                            } else {
                                LaterMsg::Remaining.fill(locale, &[&s.remaining.to_string()])
                            };
                            option(
                                s.slot_id.to_string(),
                                s.time,
                                Some(detail),
                                s.remaining == 0,
                            )
                        })
                        .collect()
                })
                .unwrap_or_default()
            }),
        })
    };

    // Loads the current step's list again after a failure.
    let retry = move || match step.get_untracked() {
        0 | 1 => regions.refetch(),
        2 => centers.refetch(),
        _ => availability.refetch(),
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // With no list to choose from, 다음 is a retry, not a step forward on an old choice.
        match untrack(options) {
            Some(Ok(_)) => {}
            Some(Err(_)) => return retry(),
            None => return,
        }
        let Some(value) = selected.get() else {
            error.set(Some(Msg::SelectionRequired));
            return;
        };
        let current = step.get();
        let center = (current == 2)
            .then(|| centers.get().and_then(|r| r.ok()).flatten())
            .flatten()
            .and_then(|c| c.centers.into_iter().find(|c| c.id.to_string() == value));
        let slot = (current == 4)
            .then(|| availability.get().and_then(|r| r.ok()).flatten())
            .flatten()
            .and_then(|a| {
                a.days
                    .into_iter()
                    .flat_map(|d| d.slots)
                    .find(|s| s.slot_id.to_string() == value)
            });
        journey.update(|j| {
            let c = &mut j.choice;
            match current {
                0 if c.region.as_ref() != Some(&value) => {
                    c.region = Some(value);
                    c.district = None;
                    c.center = None;
                    c.date = None;
                    c.slot = None;
                }
                1 if c.district.as_ref() != Some(&value) => {
                    c.district = Some(value);
                    c.center = None;
                    c.date = None;
                    c.slot = None;
                }
                2 if c
                    .center
                    .as_ref()
                    .and_then(Stored::get)
                    .map(|c| c.id.to_string())
                    != Some(value.clone()) =>
                {
                    c.center = center.as_ref().and_then(Stored::new);
                    c.date = None;
                    c.slot = None;
                }
                3 if c.date.as_ref() != Some(&value) => {
                    c.date = Some(value);
                    c.slot = None;
                }
                4 => c.slot = slot.as_ref().and_then(Stored::new),
                _ => {}
            }
            c.step = (current + 1).min(4);
            j.idempotency_key = None;
        });
        if current == 4 {
            navigate("/review", Default::default());
        }
    };
    let back = move |_| journey.update(|j| j.choice.step = j.choice.step.saturating_sub(1));

    view! {
        <div class="yy-page yy-book">
            <h1 class="yy-page__title">{i18n.t(Msg::BookTitle)}</h1>
            {admitted.then(|| view! {
                <div class="yy-notice yy-notice--success" id="yy-admitted" tabindex="-1">
                    <p><strong>{i18n.t(Msg::AdmittedTitle)}</strong>" "{i18n.t(LaterMsg::AdmittedLead)}</p>
                </div>
            })}
            <Show when=move || journey.with(|j| j.changing.is_none())>
                <AdmissionTimer/>
            </Show>
            <StepIndicator steps=STEPS.to_vec() current=step/>
            <Show when=move || { step.get() > 0 }>
                <button type="button" class="yy-link yy-back-link yy-button--link" on:click=back>{i18n.t(LaterMsg::Back)}</button>
            </Show>
            <form class="yy-form" on:submit=on_submit novalidate>
                <Suspense fallback=|| view! { <Spinner label=Msg::Loading/> }>
                    {move || match options() {
                        None => view! { <Spinner label=Msg::Loading/> }.into_any(),
                        Some(Err(err)) => view! { <Failed message=err.message() on_retry=Callback::new(move |()| retry())/> }.into_any(),
                        Some(Ok(options)) => {
                            let current = step.get();
                            view! {
                                <ChoiceList name="yy-book-choice" legend=LEGENDS[current] options=options selected=selected error=error/>
                            }
                            .into_any()
                        }
                    }}
                </Suspense>
                <button type="submit" class="yy-button yy-button--primary">{i18n.t(LaterMsg::Continue)}</button>
            </form>
        </div>
    }
}

fn option(value: String, label: String, detail: Option<String>, disabled: bool) -> ChoiceOption {
    ChoiceOption {
        value,
        label,
        korean_label: false,
        place: None,
        detail,
        disabled,
    }
}

/// An option named by the service's Korean data (a region, a district, a centre).
fn korean_option(
    value: String,
    label: String,
    place: Option<String>,
    detail: Option<String>,
) -> ChoiceOption {
    ChoiceOption {
        korean_label: true,
        place,
        ..option(value, label, detail, false)
    }
}

/// The vaccine's name in the current language.
pub fn vaccine_name(vaccine: &yeyak_protocol::Vaccine, locale: Locale) -> String {
    match locale {
        Locale::Ko => vaccine.name_ko.clone(),
        Locale::En => vaccine.name_en.clone(),
    }
}
