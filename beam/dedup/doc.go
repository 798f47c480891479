// Package dedup runs overlap's near-duplicate clustering as an Apache Beam
// pipeline, so that it scales past one machine on Dataflow, Flink or Spark.
//
// The pipeline computes what `overlap dedup` computes, with the root
// library's own pieces: each document's [overlap.Signature], the MinHash
// LSH band keys of [overlap.Signature.BandKey], the pairs of
// [overlap.BucketPairs] verified with [overlap.Signature.NearDuplicate],
// and connected components labelled by the document first in input order.
// The components are found inside the pipeline by iterated large-star and
// small-star rounds (Kiveris et al., "Connected Components in MapReduce and
// Beyond", SoCC 2014), never by gathering the graph on one worker.
//
// [ReadJSONL] reads JSON Lines files with each line's position (file and
// byte offset), [Dedup] clusters them, and [Write] writes one
// {"id","cluster"} line per document, byte for byte as `overlap dedup`
// writes it.
package dedup
