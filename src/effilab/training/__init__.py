"""Training recipes (SFT, DPO, ORPO, DPO-Positive with LoRA/QLoRA on TRL + PEFT) and their configs."""
