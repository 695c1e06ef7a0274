"""Models written here: the run-time predictor, the contrastive code encoder, the E-code expert-encoder-group model."""
