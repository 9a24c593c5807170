//! The builder's architecture rules: `slices().matching(..)` and `layeredArchitecture()`.

use super::builder::Conditioned;
use super::builder::Draft;
use super::ir::{
    CondExpr, Condition, Layer, LayerAccess, LayerConstraint, LayerDependencies, LayeredArchitecture, Rule, Subject,
};

/// Subject marker for slices and layered architectures.
pub struct ArchitectureSubject;

pub struct Slices {
    draft: Draft,
}

impl Slices {
    pub(super) fn new(draft: Draft) -> Self {
        Slices { draft }
    }
    pub fn matching(mut self, pattern: &str) -> SlicesMatching {
        self.draft.subject = Subject::Slices { matching: pattern.to_owned() };
        SlicesMatching { draft: self.draft }
    }
}

pub struct SlicesMatching {
    draft: Draft,
}

impl SlicesMatching {
    pub fn should(self) -> SlicesShould {
        SlicesShould { draft: self.draft }
    }
}

pub struct SlicesShould {
    draft: Draft,
}

impl SlicesShould {
    pub fn be_free_of_cycles(self) -> Conditioned<ArchitectureSubject> {
        Conditioned::from_draft(self.draft.add(CondExpr::Cond(Condition::BeFreeOfCycles)))
    }
    pub fn not_depend_on_each_other(self) -> Conditioned<ArchitectureSubject> {
        Conditioned::from_draft(self.draft.add(CondExpr::Cond(Condition::NotDependOnEachOther)))
    }
}

/// `layeredArchitecture()`: layers and constraints, then the usual tail.
pub struct Layered {
    draft: Draft,
}

impl Layered {
    pub(super) fn new(draft: Draft) -> Self {
        Layered { draft }
    }
    fn arch(&mut self) -> Option<&mut LayeredArchitecture> {
        match &mut self.draft.subject {
            Subject::Layered(arch) => Some(arch),
            _ => None,
        }
    }
    fn considering(mut self, considering: LayerDependencies) -> Self {
        if let Some(arch) = self.arch() {
            arch.considering = considering;
        }
        self
    }
    pub fn considering_all_dependencies(self) -> Self {
        self.considering(LayerDependencies::AllDependencies)
    }
    pub fn considering_only_dependencies_in_layers(self) -> Self {
        self.considering(LayerDependencies::OnlyDependenciesInLayers)
    }
    pub fn considering_only_dependencies_in_any_package(self, packages: &[&str]) -> Self {
        self.considering(LayerDependencies::OnlyDependenciesInAnyPackage(owned(packages)))
    }
    pub fn layer(self, name: &str) -> LayerDefinition {
        LayerDefinition { layered: self, name: name.to_owned(), optional: false }
    }
    pub fn optional_layer(self, name: &str) -> LayerDefinition {
        LayerDefinition { layered: self, name: name.to_owned(), optional: true }
    }
    pub fn where_layer(self, name: &str) -> WhereLayer {
        WhereLayer { layered: self, name: name.to_owned() }
    }
    fn done(self) -> Conditioned<ArchitectureSubject> {
        Conditioned::from_draft(self.draft)
    }
    pub fn because(self, reason: impl Into<String>) -> Conditioned<ArchitectureSubject> {
        self.done().because(reason)
    }
    pub fn described_as(self, description: impl Into<String>) -> Conditioned<ArchitectureSubject> {
        self.done().described_as(description)
    }
    pub fn allow_empty_should(self, allow: bool) -> Conditioned<ArchitectureSubject> {
        self.done().allow_empty_should(allow)
    }
    pub fn fixed_by(self, fix: crate::rules::ir::Fix) -> Conditioned<ArchitectureSubject> {
        self.done().fixed_by(fix)
    }
    pub fn build(self, pack: &str, name: &str) -> Rule {
        self.done().build(pack, name)
    }
}

pub struct LayerDefinition {
    layered: Layered,
    name: String,
    optional: bool,
}

impl LayerDefinition {
    pub fn defined_by(self, packages: &[&str]) -> Layered {
        let mut layered = self.layered;
        if let Some(arch) = layered.arch() {
            arch.layers.push(Layer { name: self.name, packages: owned(packages), optional: self.optional });
        }
        layered
    }
}

pub struct WhereLayer {
    layered: Layered,
    name: String,
}

impl WhereLayer {
    fn constrain(self, access: LayerAccess) -> Layered {
        let mut layered = self.layered;
        if let Some(arch) = layered.arch() {
            arch.constraints.push(LayerConstraint { layer: self.name, access });
        }
        layered
    }
    pub fn may_only_be_accessed_by_layers(self, layers: &[&str]) -> Layered {
        self.constrain(LayerAccess::MayOnlyBeAccessedByLayers(owned(layers)))
    }
    pub fn may_not_be_accessed_by_any_layer(self) -> Layered {
        self.constrain(LayerAccess::MayNotBeAccessedByAnyLayer)
    }
    pub fn may_only_access_layers(self, layers: &[&str]) -> Layered {
        self.constrain(LayerAccess::MayOnlyAccessLayers(owned(layers)))
    }
    pub fn may_not_access_any_layer(self) -> Layered {
        self.constrain(LayerAccess::MayNotAccessAnyLayer)
    }
}

fn owned(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}
