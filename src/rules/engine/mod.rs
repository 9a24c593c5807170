//! Evaluation of rule IR over the class graph.
