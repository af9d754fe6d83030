//! Writes a generated content folder (the benchmarks' corpus, benches/corpus) for the browser
//! checks that need a large directory: `cargo run --release --example corpus -- DIR ENTRIES`.

#[path = "../benches/corpus/mod.rs"]
mod corpus;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(Ok(entries))) = (args.first(), args.get(1).map(|n| n.parse::<usize>())) else {
        eprintln!("usage: corpus DIR ENTRIES");
        std::process::exit(2);
    };
    let written = corpus::generate(std::path::Path::new(dir), entries);
    println!("{} entries, {} bytes in {dir}", written.entries, written.bytes);
}
