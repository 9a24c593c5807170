use clap::Parser;

fn main() {
    archrules::cli::tune_allocator();
    let cli = archrules::cli::Cli::parse();
    let code = match archrules::cli::run(cli) {
        Ok(code) => code,
        Err(report) => {
            eprintln!("{report:?}");
            2
        }
    };
    std::process::exit(code);
}
