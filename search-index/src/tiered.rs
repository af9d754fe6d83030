//! A query whose every match scores a fixed amount more than the query it wraps: a word's tier
//! and its own score from one pass over its postings (a constant-score copy beside the scored
//! query read every posting twice, which doubled the time of a query in the browser).

use std::fmt;

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, Term};

pub struct Tiered {
    query: Box<dyn Query>,
    tier: Score,
}

impl Tiered {
    pub fn new(query: Box<dyn Query>, tier: Score) -> Tiered {
        Tiered { query, tier }
    }
}

impl Clone for Tiered {
    fn clone(&self) -> Self {
        Tiered {
            query: self.query.box_clone(),
            tier: self.tier,
        }
    }
}

impl fmt::Debug for Tiered {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "Tiered(query={:?}, tier={})", self.query, self.tier)
    }
}

impl Query for Tiered {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let weight = self.query.weight(enable_scoring)?;
        if enable_scoring.is_scoring_enabled() {
            Ok(Box::new(TieredWeight {
                weight,
                tier: self.tier,
            }))
        } else {
            Ok(weight)
        }
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.query.query_terms(visitor)
    }
}

struct TieredWeight {
    weight: Box<dyn Weight>,
    tier: Score,
}

impl Weight for TieredWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let scorer = self.weight.scorer(reader, boost)?;
        Ok(Box::new(TieredScorer {
            scorer,
            tier: self.tier * boost,
        }))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let inner = self.weight.explain(reader, doc)?;
        let mut explanation = Explanation::new("a tier for the match, and its score", inner.value() + self.tier);
        explanation.add_detail(inner);
        Ok(explanation)
    }

    fn count(&self, reader: &SegmentReader) -> tantivy::Result<u32> {
        self.weight.count(reader)
    }
}

struct TieredScorer {
    scorer: Box<dyn Scorer>,
    tier: Score,
}

impl DocSet for TieredScorer {
    fn advance(&mut self) -> DocId {
        self.scorer.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.scorer.seek(target)
    }

    fn doc(&self) -> DocId {
        self.scorer.doc()
    }

    fn size_hint(&self) -> u32 {
        self.scorer.size_hint()
    }

    fn cost(&self) -> u64 {
        self.scorer.cost()
    }
}

impl Scorer for TieredScorer {
    fn score(&mut self) -> Score {
        self.scorer.score() + self.tier
    }
}
