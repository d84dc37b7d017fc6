// Traditional → simplified folding of a search query with opencc-js and OpenCC's tables (the same
// two files the build reads in generator/search/fold.py). NFKC first, as in Python: it also maps
// CJK compatibility ideographs, which OpenCC's own t2s normalises with a third table.
import { ConverterFactory } from "./opencc/core.js";
import TSPhrases from "./opencc/TSPhrases.js";
import TSCharacters from "./opencc/TSCharacters.js";

const convert = ConverterFactory([TSPhrases, TSCharacters]);

export function fold(text) {
  return convert(text.normalize("NFKC"));
}
