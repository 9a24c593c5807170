//! Command-line definitions and one file per command. Only this layer turns errors into miette reports and exit codes.

mod inspect;
mod load;
pub mod pack_args;

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// Architecture and API-usage rules for JVM bytecode.
#[derive(Debug, Parser)]
#[command(name = "archrules", version, about, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show what archrules reads from bytecode: a summary, one class's facts, or every dependency.
    ///
    /// Examples:
    ///   archrules inspect build/classes/java/main --classpath 'libs/*'
    ///   archrules inspect app.jar --class com.acme.Foo --format json
    ///   archrules inspect app.jar --dependencies | grep 'org.joda'
    Inspect(inspect::InspectArgs),
}

/// Inputs shared by every command that reads bytecode.
#[derive(Debug, clap::Args, Clone, Default)]
pub struct InputArgs {
    /// Classes to analyse: class directories, jars, fat jars, jmods, directories of jars, `.class` files.
    pub paths: Vec<PathBuf>,
    /// Dependencies used only to resolve what the targets refer to (repeatable; `:`-separated lists accepted).
    #[arg(long = "classpath", short = 'c', value_name = "PATHS")]
    pub classpath: Vec<String>,
    /// JDK home whose classes resolve `java.*` references (default: `JAVA_HOME`).
    #[arg(long, value_name = "DIR")]
    pub jdk: Option<PathBuf>,
    /// Do not load the JDK's classes.
    #[arg(long)]
    pub no_jdk: bool,
    /// Java release whose view of multi-release jars (and of the JDK) to read; default: the newest present.
    #[arg(long, value_name = "N")]
    pub release: Option<u32>,
}

pub fn run(cli: Cli) -> miette::Result<i32> {
    match cli.command {
        Command::Inspect(args) => inspect::run(&args),
    }
}
