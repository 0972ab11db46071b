fn main() {
    let text = std::io::read_to_string(std::io::stdin()).unwrap_or_default();
    for s in whosaid::extract::sentences(&text) {
        let t: String = text.chars().skip(s.start).take(s.end - s.start).collect();
        println!("{t}");
    }
}
