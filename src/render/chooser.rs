//! The chooser's questions: a few questions about a situation narrow the frameworks to the few
//! that fit, each with why. Every step is a page of its own (`vergelijking/kiezen/ander/kort/`),
//! built in advance, so the questionnaire works without scripts and any answer path can be
//! shared. What fits follows from each guide's `compare.fits`: a guide is shown when an answer
//! speaks for it and none against it; on the last page, those with one answer against them too.

use serde::Serialize;

use crate::content::model::guide::{Building, Family, Fits, Risk, Staff, Term, Together};
use crate::content::model::keys::{Keyed, Labelled};
use crate::content::model::Guide;
use crate::content::Entry;
use crate::site::{routes, Site};

use super::compare::{column, family_guides, GuideColumn, PairLink, FAMILIES, MOST_COMPARED};
use super::context::RenderContext;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Question {
    Building,
    Term,
    Together,
    Staff,
    Risk,
}

impl Question {
    /// Its id in string keys (`chooser_q_building`) and in the labels of its answers.
    fn id(self) -> &'static str {
        match self {
            Question::Building => Building::PREFIX,
            Question::Term => Term::PREFIX,
            Question::Together => Together::PREFIX,
            Question::Staff => Staff::PREFIX,
            Question::Risk => Risk::PREFIX,
        }
    }

    /// Its answers' keys: the address's segments.
    fn answers(self) -> Vec<&'static str> {
        fn all<T: Keyed>() -> Vec<&'static str> {
            T::ALL.iter().map(|v| v.key()).collect()
        }
        match self {
            Question::Building => all::<Building>(),
            Question::Term => all::<Term>(),
            Question::Together => all::<Together>(),
            Question::Staff => all::<Staff>(),
            Question::Risk => all::<Risk>(),
        }
    }

    /// The answers a guide fits; empty when the question does not matter for it.
    fn fitting(self, fits: &Fits) -> Vec<&'static str> {
        fn keys<T: Keyed>(values: &[T]) -> Vec<&'static str> {
            values.iter().map(|v| v.key()).collect()
        }
        match self {
            Question::Building => keys(&fits.building),
            Question::Term => keys(&fits.term),
            Question::Together => keys(&fits.together),
            Question::Staff => keys(&fits.staff),
            Question::Risk => keys(&fits.risk),
        }
    }

    /// The question after these answers, or `None` when all that matter are answered. Sharing
    /// staff is asked only of several organisations together.
    fn next(answers: &[Answer]) -> Option<Question> {
        let order = [
            Question::Building,
            Question::Term,
            Question::Together,
            Question::Staff,
            Question::Risk,
        ];
        let at = answers
            .last()
            .map_or(0, |a| order.iter().position(|q| *q == a.question).unwrap_or(0) + 1);
        let mut rest = order[at..].iter().copied();
        let alone = answers
            .iter()
            .any(|a| a.question == Question::Together && a.key == Together::Alleen.key());
        rest.find(|q| !(alone && *q == Question::Staff))
    }
}

#[derive(Debug, Clone, Copy)]
struct Answer {
    question: Question,
    key: &'static str,
}

impl Answer {
    /// Its words, which are also the reason it gives for a framework: the answer's value label
    /// (`Labelled::label_key`, `building_ander`), the question's id being the enum's prefix.
    fn label(self, site: &Site) -> String {
        site.t(&format!("{}_{}", self.question.id(), self.key))
    }
}

/// A step of the questionnaire: a question and what fits so far, or (on the last step) the
/// frameworks that fit all the answers.
#[derive(Debug, Clone, Serialize)]
pub struct ChooserPage {
    pub title: String,
    pub intro: String,
    pub canonical: String,
    /// The question of this step, `None` on the last.
    pub question: Option<QuestionView>,
    pub answered: Vec<AnsweredView>,
    pub groups: Vec<FitGroup>,
    pub restart_url: String,
    pub compare_url: String,
    pub disclaimer: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuestionView {
    pub number: usize,
    pub heading: String,
    pub text: String,
    pub hint: Option<String>,
    pub answers: Vec<PairLink>,
}

/// An answer given, with the step to go back to for changing it.
#[derive(Debug, Clone, Serialize)]
pub struct AnsweredView {
    pub question: String,
    pub answer: String,
    pub change_url: String,
}

/// The frameworks of a family that fit.
#[derive(Debug, Clone, Serialize)]
pub struct FitGroup {
    pub id: &'static str,
    pub heading: String,
    pub fits: Vec<FitView>,
    /// Those with one answer against them (shown on the last step only).
    pub partly: Vec<FitView>,
    /// The two that fit best side by side.
    pub compare: Option<PairLink>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FitView {
    pub guide: GuideColumn,
    /// The answers that speak for it, and against it, by their labels.
    pub because: Vec<String>,
    pub against: Vec<String>,
    /// What its guide says it suits, as written.
    pub suited_for: String,
    pub suited_lang: Option<&'static str>,
}

/// Every step of the questionnaire, with its route: the first, then one per answer path.
pub fn chooser_pages(ctx: &RenderContext) -> Vec<(String, ChooserPage)> {
    let mut pages = Vec::new();
    let mut paths: Vec<Vec<Answer>> = vec![Vec::new()];
    while let Some(answers) = paths.pop() {
        if let Some(question) = Question::next(&answers) {
            for key in question.answers() {
                let mut longer = answers.clone();
                longer.push(Answer { question, key });
                paths.push(longer);
            }
        }
        pages.push((route(&answers), step(ctx, &answers)));
    }
    pages.sort_by(|a, b| a.0.cmp(&b.0));
    pages
}

fn route(answers: &[Answer]) -> String {
    routes::chooser(&answers.iter().map(|a| a.key).collect::<Vec<_>>())
}

fn step(ctx: &RenderContext, answers: &[Answer]) -> ChooserPage {
    let site = ctx.site;
    let question = Question::next(answers).map(|question| {
        let id = question.id();
        QuestionView {
            number: answers.len() + 1,
            heading: site
                .t("chooser_question")
                .replace("{n}", &(answers.len() + 1).to_string()),
            text: site.t(&format!("chooser_q_{id}")),
            hint: Some(site.t(&format!("chooser_hint_{id}"))).filter(|h| !h.is_empty()),
            answers: question
                .answers()
                .into_iter()
                .map(|key| {
                    let answer = Answer { question, key };
                    let mut longer = answers.to_vec();
                    longer.push(answer);
                    PairLink {
                        text: answer.label(site),
                        url: site.urls.url(&route(&longer)),
                    }
                })
                .collect(),
        }
    });
    let last = question.is_none();
    let answered = answers
        .iter()
        .enumerate()
        .map(|(i, a)| AnsweredView {
            question: site.t(&format!("chooser_q_{}", a.question.id())),
            answer: a.label(site),
            change_url: site.urls.url(&route(&answers[..i])),
        })
        .collect();
    let groups = if answers.is_empty() {
        Vec::new()
    } else {
        FAMILIES
            .into_iter()
            .map(|(family, id)| fit_group(ctx, family, id, answers, last))
            .filter(|g| !g.fits.is_empty() || !g.partly.is_empty())
            .collect()
    };
    ChooserPage {
        title: site.t(if last { "chooser_result_title" } else { "chooser_title" }),
        intro: site.t("chooser_intro"),
        canonical: site.urls.absolute(&route(answers)),
        question,
        answered,
        groups,
        restart_url: site.urls.url(&routes::chooser(&[])),
        compare_url: site.urls.url(routes::COMPARE),
        disclaimer: site.t("legal_disclaimer"),
    }
}

fn fit_group(ctx: &RenderContext, family: Family, id: &'static str, answers: &[Answer], last: bool) -> FitGroup {
    let site = ctx.site;
    let guides = family_guides(site, family);
    let mut judged: Vec<(&Entry<Guide>, Verdict)> = guides
        .iter()
        .map(|g| (*g, Verdict::of(&g.front.compare.fits, answers)))
        .collect();
    // The most answers for it first, then those made for these answers only (temporary use
    // before an agreement for any term); the family's order (by title) among equals.
    judged.sort_by_key(|(_, v)| std::cmp::Reverse((v.because.len(), v.specific)));
    let view = |g: &Entry<Guide>, v: &Verdict| FitView {
        guide: column(site, g),
        because: v.because.iter().map(|a| a.label(site)).collect(),
        against: v.against.iter().map(|a| a.label(site)).collect(),
        suited_for: g.front.compare.suited_for.clone(),
        suited_lang: site.content_lang(),
    };
    let fits: Vec<FitView> = judged
        .iter()
        .filter(|(_, v)| !v.because.is_empty() && v.against.is_empty())
        .map(|(g, v)| view(g, v))
        .collect();
    let partly = judged
        .iter()
        .filter(|_| last)
        .filter(|(_, v)| !v.because.is_empty() && v.against.len() == 1)
        .map(|(g, v)| view(g, v))
        .collect();
    let compare = match &fits[..] {
        [a, b, ..] if guides.len() <= MOST_COMPARED => Some(PairLink {
            text: site
                .t("chooser_compare_two")
                .replace("{a}", &a.guide.title)
                .replace("{b}", &b.guide.title),
            url: site.urls.url(&routes::compare_pair(&a.guide.slug, &b.guide.slug)),
        }),
        _ => None,
    };
    FitGroup {
        id,
        heading: site.t(&format!("chooser_group_{id}")),
        fits,
        partly,
        compare,
    }
}

/// The answers that speak for a guide (it lists them) and against it (it lists others).
struct Verdict {
    because: Vec<Answer>,
    against: Vec<Answer>,
    /// How many answers for it are the only answer it fits to its question.
    specific: usize,
}

impl Verdict {
    fn of(fits: &Fits, answers: &[Answer]) -> Verdict {
        let mut verdict = Verdict {
            because: Vec::new(),
            against: Vec::new(),
            specific: 0,
        };
        for answer in answers {
            let fitting = answer.question.fitting(fits);
            if fitting.is_empty() {
                continue;
            }
            if fitting.contains(&answer.key) {
                verdict.because.push(*answer);
                verdict.specific += usize::from(fitting.len() == 1);
            } else {
                verdict.against.push(*answer);
            }
        }
        verdict
    }
}

/// Whether the site has guides to choose between at all.
pub fn has_chooser(site: &Site) -> bool {
    site.guides
        .iter()
        .any(|g| !g.front.compare.fits.is_empty() && site.is_listed(&g.slug))
}
