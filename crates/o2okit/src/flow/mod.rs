//! The four O2O flows as data, and reading which flow a customer's journey followed.

mod classify;
mod definition;
mod journey;
mod kind;

pub use classify::{classify, AmbiguityReason, Classification, Evidence};
pub use definition::{
    flow_definition, FlowDefinition, FlowDefinitionRequest, FlowStep, LifecycleKind,
};
pub use journey::{Journey, JourneyTouchpoint, MAX_JOURNEY_TOUCHPOINTS};
pub use kind::{Flow, JourneyChannel, JourneyPart, JourneyStage};
