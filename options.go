package overlap

import "runtime"

// Defaults for Options' zero fields.
const (
	DefaultMinWords = 8
	DefaultMaxGap   = 3
	// DefaultNearDuplicate is the containment, both ways, from which two
	// documents are near-duplicates. The README's "Near-duplicate decision"
	// section has the measurements behind it.
	DefaultNearDuplicate = 0.5
	// ShingleWords is the width of the word shingles behind similarity,
	// containment and dedup sketches. (Fingerprints use simhash's own
	// measured default, simhash.DefaultWords.)
	ShingleWords = 3
	// MinLineRepeatWords is the least number of words in a run of whole
	// lines that counts as a repeat when shorter than MinWords: boilerplate
	// lines such as "Share this article" are short.
	MinLineRepeatWords = 3
)

// Options tunes a comparison. The zero value gives the defaults.
type Options struct {
	// MinWords is the least number of shared words a passage or a repeat
	// must have. 0 means DefaultMinWords.
	MinWords int
	// MaxGap is the most words, in either text, between two exact runs
	// that are merged into one passage: a word or two changed, inserted or
	// deleted should not split a sentence into fragments. 0 means
	// DefaultMaxGap; a negative value merges nothing.
	MaxGap int
	// NearDuplicate is the least containment, in both directions, for two
	// documents to be near-duplicates. 0 means DefaultNearDuplicate.
	NearDuplicate float64
	// Boilerplate, when at least 2, treats word shingles found in that many
	// documents or more of a set as boilerplate (bylines, "Share this
	// article", footers): they count for neither similarity nor passages.
	// 0 keeps everything.
	Boilerplate int
	// Workers is how many goroutines NewReport uses; 0 means GOMAXPROCS.
	Workers int
	// Progress, when set, is told how far NewReport has gone, for a
	// progress bar: the stage (StageAnalyse, StageCandidates,
	// StageCompare, StageRepeats, in that order), how many of its items are done and how many there
	// are. It is called at most about a thousand times a stage, from the
	// goroutines doing the work but never two at once, and always with
	// done == total at the end of a stage. Keep it quick.
	Progress func(stage string, done, total int)
}

// The stages of NewReport, as Options.Progress names them.
const (
	StageAnalyse    = "analysing documents"
	StageCandidates = "finding candidate pairs"
	StageCompare    = "comparing pairs"
	StageRepeats    = "finding repeats"
)

func (o Options) minWords() int {
	if o.MinWords <= 0 {
		return DefaultMinWords
	}
	return o.MinWords
}

func (o Options) maxGap() int {
	switch {
	case o.MaxGap < 0:
		return 0
	case o.MaxGap == 0:
		return DefaultMaxGap
	}
	return o.MaxGap
}

func (o Options) nearDuplicate() float64 {
	if o.NearDuplicate <= 0 {
		return DefaultNearDuplicate
	}
	return o.NearDuplicate
}

func (o Options) workers() int {
	if o.Workers <= 0 {
		return runtime.GOMAXPROCS(0)
	}
	return o.Workers
}
