"""Moderation workflows with a confidentiality review (保密审查, 总局令第45号 第5条)."""
